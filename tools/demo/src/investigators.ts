import type { LeadAction, PlannedCase, ScenarioTip, YearPlan } from '@tools/scenario';
import { ApiClient } from '@tools/stack';

interface LeadBody {
  id: string;
  tipIds: string[];
}

export interface InvestigationResult {
  leadsClaimed: number;
  linked: number;
  dismissed: number;
  leftOpen: number;
  casesOpened: number;
  arrests: number;
  resolved: number;
  /** Leads whose tips had no plan (spam or a vague report triage let through): dismissed after checking. */
  unplannedDismissed: number;
  /** The same, by what the scenario knows the lead's first tip to be. */
  unplannedByKind: Record<string, number>;
  claimMs: number[];
}

/**
 * Plays the year's investigators: several of them claim leads concurrently, link each to the case
 * the plan gives it (opening it with the first lead), dismiss others, keep a few in work; then
 * cases are worked: arrests recorded, resolved as solved or unfounded, or left open.
 */
export async function playInvestigators(
  investigators: ApiClient[],
  tips: ScenarioTip[],
  tipIdByRef: Map<string, string>,
  plan: YearPlan,
): Promise<InvestigationResult> {
  const refByTipId = new Map([...tipIdByRef].map(([ref, id]) => [id, ref]));
  const truth = new Map(tips.map((t) => [t.externalRef, t.truth]));
  const cases = new Map(plan.cases.map((c) => [c.key, c]));
  const caseIds = new Map<string, Promise<string>>();
  const held: { client: ApiClient; leadId: string }[] = [];
  const result: InvestigationResult = {
    leadsClaimed: 0,
    linked: 0,
    dismissed: 0,
    leftOpen: 0,
    casesOpened: 0,
    arrests: 0,
    resolved: 0,
    unplannedDismissed: 0,
    unplannedByKind: {},
    claimMs: [],
  };

  /** The plan for a lead: its tips' own plans, a duplicate's through its original. */
  const actionFor = (lead: LeadBody): LeadAction | null => {
    for (const tipId of lead.tipIds) {
      const ref = refByTipId.get(tipId);
      if (!ref) continue;
      const t = truth.get(ref);
      const key = t?.kind === 'duplicate' ? t.duplicateOf! : ref;
      if (plan.leads[key]) return plan.leads[key];
    }
    return null;
  };

  const work = async (me: ApiClient) => {
    for (;;) {
      const started = performance.now();
      const claim = await me.must<LeadBody>('POST', '/api/leads/claim', {}, [200, 204]);
      result.claimMs.push(performance.now() - started);
      if (claim.status === 204) return;
      result.leadsClaimed++;
      const lead = claim.body;
      const action = actionFor(lead);
      if (!action) {
        const ref = lead.tipIds.map((id) => refByTipId.get(id)).find((r) => r !== undefined);
        const kind = (ref && truth.get(ref)?.kind) || 'unknown';
        await me.must('POST', `/api/leads/${lead.id}/dismiss`, {
          reason:
            kind === 'vague'
              ? 'Đã xác minh: không xác định được sự việc, địa điểm; không có căn cứ xử lý'
              : 'Đã xác minh: tin quảng cáo, không có nội dung tố giác',
        });
        result.unplannedDismissed++;
        result.unplannedByKind[kind] = (result.unplannedByKind[kind] ?? 0) + 1;
        continue;
      }
      switch (action.action) {
        case 'dismiss':
          await me.must('POST', `/api/leads/${lead.id}/dismiss`, { reason: action.reason });
          result.dismissed++;
          break;
        case 'leave_open':
          held.push({ client: me, leadId: lead.id });
          result.leftOpen++;
          break;
        case 'link':
          await linkToCase(me, lead.id, cases.get(action.caseKey)!);
          result.linked++;
          break;
      }
    }
  };

  /** The first lead of a case opens it; the others wait for it and join. */
  const linkToCase = async (me: ApiClient, leadId: string, c: PlannedCase) => {
    const existing = caseIds.get(c.key);
    if (existing) {
      await me.must('POST', `/api/leads/${leadId}/link`, { caseId: await existing });
      return;
    }
    const opening = me
      .must<{ case: { id: string } }>('POST', `/api/leads/${leadId}/link`, {
        newCase: caseBody(c),
      })
      .then((r) => r.body.case.id);
    caseIds.set(c.key, opening);
    await opening;
    result.casesOpened++;
  };

  await Promise.all(investigators.map(work));

  // Cases the police opened without a tip.
  for (const c of plan.cases) {
    if (caseIds.has(c.key)) continue;
    const r = await investigators[0].must<{ id: string }>('POST', '/api/cases', caseBody(c));
    caseIds.set(c.key, Promise.resolve(r.body.id));
    result.casesOpened++;
  }

  // Work the cases in the order they happened: arrests first, then the resolution.
  await Promise.all(
    investigators.map(async (me, i) => {
      for (let k = i; k < plan.cases.length; k += investigators.length) {
        const c = plan.cases[k];
        const id = await caseIds.get(c.key)!;
        for (const [n, a] of c.arrests.entries()) {
          await me.must('POST', `/api/cases/${id}/arrests`, a, [201], {
            'Idempotency-Key': `${c.key}-arrest-${n}`,
          });
          result.arrests++;
        }
        if (c.resolution) {
          await me.must('POST', `/api/cases/${id}/resolve`, {
            resolution: c.resolution,
            resolvedAt: c.resolvedAt,
          });
          result.resolved++;
        }
      }
    }),
  );

  // Leads still in work at year end go back to the queue for next year's team.
  for (const h of held) await h.client.must('POST', `/api/leads/${h.leadId}/release`);
  return result;
}

function caseBody(c: PlannedCase) {
  return {
    title: c.title,
    kind: c.kind,
    category: c.category,
    severity: c.severity,
    ward: c.ward,
    occurredAt: c.occurredAt,
  };
}
