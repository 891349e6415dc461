import type { ScenarioTip, TruthKind } from '@tools/scenario';
import { ApiClient } from '@tools/stack';

/** The fields of a listed tip the operators read before deciding. */
interface ListedTip {
  id: string;
  externalRef: string | null;
  stage: string;
  anonymous: boolean;
  hasContact: boolean;
  triage: { urgent: boolean; reviewReason: string | null } | null;
}

interface TipPage {
  items: ListedTip[];
  nextCursor: string | null;
}

export interface ReviewResult {
  /** Distinct tips the operators found waiting in `needs_review`. */
  listed: number;
  pages: number;
  accepted: number;
  rejected: number;
  /** What an accepted tip became at once: its own lead, or a place on another tip's lead. */
  acceptedLeadOpen: number;
  acceptedDuplicate: number;
  /** Listed tips shown as urgent (triage never holds an urgent tip back: expected 0). */
  urgentListed: number;
  /** Listed tips by the scenario's truth, and by the reason code triage gave. */
  byKind: Partial<Record<TruthKind | 'unknown', number>>;
  byReason: Record<string, number>;
  /** Decisions that found the tip already decided (409): another operator was first. */
  conflicts: number;
  ms: number;
}

/** Why an operator rejects a vague report: what the call-back (or its absence) found. */
const REJECT_CALLED_BACK = [
  'Gọi lại người báo tin: không xác định được địa điểm, thời gian',
  'Đã gọi lại: người báo tin không nhớ rõ địa chỉ, không mô tả được sự việc',
  'Gọi lại người báo tin: chỉ nghe kể lại, không có người, địa điểm cụ thể để xác minh',
  'Gọi lại không được, tin báo không đủ nội dung để xác minh',
];
const REJECT_ANONYMOUS = [
  'Tin ẩn danh, không có địa điểm, thời gian hay đối tượng cụ thể; không có cách liên lạc lại',
  'Tin ẩn danh, nội dung chung chung, không đủ căn cứ để xác minh',
];
const REJECT_JUNK = 'Tin quảng cáo, không có nội dung tố giác';
const ACCEPT = [
  'Nội dung đủ để xác minh, chuyển tổ xác minh',
  'Đã gọi lại người báo tin, xác nhận có sự việc, chuyển xác minh',
];

/**
 * The district's hotline operators work the review queue concurrently through the API: each pages
 * through `GET /api/tips?stage=needs_review` and takes the tips no colleague has taken yet. A
 * report the scenario knows to be too vague (or junk) is rejected with the operator's reason;
 * anything else triage held back is a real report and is accepted, so it opens its lead (or joins
 * one) and the year's plan for it holds. Repeats until the queue is empty.
 */
export async function playOperators(
  operators: ApiClient[],
  tips: ScenarioTip[],
  tipIdByRef: Map<string, string>,
): Promise<ReviewResult> {
  const started = performance.now();
  const refByTipId = new Map([...tipIdByRef].map(([ref, id]) => [id, ref]));
  const truth = new Map(tips.map((t) => [t.externalRef, t.truth]));
  const taken = new Set<string>();
  const result: ReviewResult = {
    listed: 0,
    pages: 0,
    accepted: 0,
    rejected: 0,
    acceptedLeadOpen: 0,
    acceptedDuplicate: 0,
    urgentListed: 0,
    byKind: {},
    byReason: {},
    conflicts: 0,
    ms: 0,
  };
  let n = 0;

  const decide = async (me: ApiClient, tip: ListedTip) => {
    const ref = refByTipId.get(tip.id) ?? tip.externalRef ?? '';
    const kind = truth.get(ref)?.kind ?? 'unknown';
    result.listed++;
    result.byKind[kind] = (result.byKind[kind] ?? 0) + 1;
    const code = tip.triage?.reviewReason ?? 'none';
    result.byReason[code] = (result.byReason[code] ?? 0) + 1;
    if (tip.triage?.urgent) result.urgentListed++;
    const i = n++;
    const body =
      kind === 'vague'
        ? {
            decision: 'reject',
            reason: tip.hasContact
              ? REJECT_CALLED_BACK[i % REJECT_CALLED_BACK.length]
              : REJECT_ANONYMOUS[i % REJECT_ANONYMOUS.length],
          }
        : kind === 'spam'
          ? { decision: 'reject', reason: REJECT_JUNK }
          : { decision: 'accept', reason: ACCEPT[i % ACCEPT.length] };
    const res = await me.must<{ stage: string }>(
      'POST',
      `/api/tips/${tip.id}/review`,
      body,
      [200, 409],
    );
    if (res.status === 409) {
      result.conflicts++;
      return;
    }
    if (body.decision === 'reject') {
      result.rejected++;
      return;
    }
    result.accepted++;
    if (res.body.stage === 'duplicate') result.acceptedDuplicate++;
    else if (res.body.stage === 'lead_open') result.acceptedLeadOpen++;
  };

  const work = async (me: ApiClient) => {
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await me.must<TipPage>('GET', `/api/tips?stage=needs_review&limit=100${q}`);
      result.pages++;
      for (const tip of page.body.items) {
        if (taken.has(tip.id)) continue; // a colleague has it
        taken.add(tip.id);
        await decide(me, tip);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
  };

  for (;;) {
    const before = taken.size;
    await Promise.all(operators.map(work));
    if (taken.size === before) break; // a whole pass found nothing new: the queue is empty
  }
  result.ms = performance.now() - started;
  return result;
}
