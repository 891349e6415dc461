import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { projectCaseOutcome } from '@app/cases';
import { DeadlinesConfig, deadlinesConfig } from '@app/config';
import type { TipStage } from '@app/contracts';
import { SqlBatch } from '@app/database';
import type { LeadStage } from '@app/database';
import { OutboxWriter } from '@app/dispatch';
import type { BatchResults, StageOutcome } from '@app/dispatch';
import { TipsRepository } from '@app/tips';
import { CaseSuggester } from './case-suggester';
import { LinkageRepository } from './linkage.repository';
import type { TriagedTip } from './linkage.repository';

/** A duplicate's stage follows its lead's. */
const STAGE_FOR_LEAD: Record<LeadStage, TipStage> = {
  open: 'duplicate',
  claimed: 'lead_claimed',
  linked: 'linked',
  dismissed: 'dismissed',
};

/** The lowest priority an urgent lead has: a threat to life goes to the head of the queue. */
export const URGENT_LEAD_PRIORITY = 80;

/** Raised when a duplicate arrives before its original has a lead; the job retries. */
export class OriginalNotLinkedYet extends Error {
  override name = 'OriginalNotLinkedYet';
}

/** Who moved a tip onto a lead: the pipeline, or a person deciding by hand. */
export interface LinkActor {
  actor: string;
  role?: string | null;
}

/**
 * Linkage: an actionable tip opens a lead carrying its priority and up to three suggested open
 * cases; a duplicate joins the lead of the tip it repeats. A new report of a dismissed lead's
 * event puts that lead back in the queue; one of a linked lead's event gets the case and its
 * outcome. An urgent tip's lead is open at once with priority at least URGENT_LEAD_PRIORITY.
 */
@Injectable()
export class LinkTipService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly suggester: CaseSuggester,
    private readonly tips: TipsRepository,
    @Inject(deadlinesConfig.KEY) private readonly deadlines: DeadlinesConfig,
    private readonly outbox: OutboxWriter,
    private readonly linkage: LinkageRepository = new LinkageRepository(),
  ) {}

  /** Every investigator and supervisor hears of an urgent lead at once, once per lead. */
  private notifyUrgent(manager: EntityManager, batch: SqlBatch, leadId: string): void {
    this.outbox.notifyTo(batch, { v: 1, type: 'urgent_lead', entityId: leadId, ref: leadId });
    this.outbox.wakeAfterCommit(manager);
  }

  async link(tipId: string): Promise<StageOutcome> {
    const result = (await this.linkMany([tipId])).get(tipId);
    if (result instanceof Error) throw result;
    return result ?? 'skipped';
  }

  /**
   * Links the tips of `tipIds` still `triaged`, together in one transaction: the originals' leads
   * in one statement, then each duplicate onto its original's lead (in received order, so a
   * duplicate of a tip of the same batch finds its lead). A duplicate whose original has no lead
   * yet fails alone (its job retries); a tip already linked (a redelivered job) is `skipped`.
   */
  async linkMany(tipIds: string[]): Promise<BatchResults<StageOutcome>> {
    return this.dataSource.transaction(async (m) => {
      const tips = await this.linkage.lockTriaged(m, tipIds);
      const results: BatchResults<StageOutcome> = new Map(tipIds.map((id) => [id, 'skipped']));
      for (const [id, r] of await this.linkTips(m, tips, { actor: 'linkage' })) results.set(id, r);
      return results;
    });
  }

  /** Links a `triaged` tip in the caller's transaction (the pipeline's job, or a person's decision). */
  async linkIn(
    manager: EntityManager,
    tipId: string,
    by: LinkActor = { actor: 'linkage' },
  ): Promise<StageOutcome> {
    const rows = await this.linkage.lockTriagedTip(manager, tipId);
    if (!rows[0]) return 'skipped';
    const result = (await this.linkTips(manager, rows, by)).get(tipId);
    if (result instanceof Error) throw result;
    return result ?? 'skipped';
  }

  /**
   * Links locked `triaged` tips (in received order): originals first, then the duplicates, all
   * of them together: each joins its original's lead, waits for it (its job retries) if the
   * original is not linked yet, or stands on its own.
   */
  private async linkTips(
    m: EntityManager,
    tips: TriagedTip[],
    by: LinkActor,
  ): Promise<BatchResults<StageOutcome>> {
    const results: BatchResults<StageOutcome> = new Map();
    const originals = tips.filter((t) => !t.duplicate_of);
    await this.openLeads(
      m,
      originals,
      by,
      tips.map((t) => t.id),
    );
    for (const t of originals) results.set(t.id, 'done');
    const duplicates = tips.filter((t) => t.duplicate_of);
    // Read after the originals' leads opened: a duplicate of a tip of this batch finds its lead.
    const of = await this.linkage.originalsOf(m, [
      ...new Set(duplicates.map((t) => t.duplicate_of!)),
    ]);
    const joins: { tip: TriagedTip; leadId: string }[] = [];
    const alone = new Set<TriagedTip>();
    for (const tip of duplicates) {
      const orig = of.get(tip.duplicate_of!);
      if (orig?.lead_id) joins.push({ tip, leadId: orig.lead_id });
      // The original's own linkage adopts this tip when it runs; until then, retry.
      else if (orig && (orig.stage === 'received' || orig.stage === 'triaged'))
        results.set(tip.id, new OriginalNotLinkedYet('original tip has no lead yet'));
      // The original can no longer take duplicates: this report stands on its own, and keeps
      // the record of what it repeats.
      else alone.add(tip);
    }
    for (const tip of await this.joinLeads(m, joins, by)) alone.add(tip);
    for (const { tip } of joins) if (!alone.has(tip)) results.set(tip.id, 'done');
    // In received order, as they came.
    const own = duplicates.filter((t) => alone.has(t));
    await this.openLeads(
      m,
      own,
      by,
      own.map((t) => t.id),
    );
    for (const t of own) results.set(t.id, 'done');
    return results;
  }

  /**
   * A lead of its own for each tip, with its priority and suggested cases: the leads, the tips'
   * moves onto them and their events in one statement. Duplicates that arrived before their
   * original and wait for its lead (other than `holding`, the tips the caller links itself) join
   * it now.
   */
  private async openLeads(
    m: EntityManager,
    tips: TriagedTip[],
    by: LinkActor,
    holding: string[],
  ): Promise<void> {
    if (tips.length === 0) return;
    const suggested = await this.suggester.suggestForTips(
      m,
      tips.map((t) => ({ id: t.id, ward: t.ward, category: t.category, norm: t.description_norm })),
    );
    const leads = tips.map((tip) => ({
      tip,
      id: randomUUID(),
      priority: tip.urgent ? Math.max(tip.priority, URGENT_LEAD_PRIORITY) : tip.priority,
      suggestions: JSON.stringify(suggested.get(tip.id) ?? []),
    }));
    const batch = new SqlBatch();
    this.linkage.openLeadsTo(
      batch,
      leads.map((l) => ({
        id: l.id,
        tipId: l.tip.id,
        priority: l.priority,
        urgent: l.tip.urgent,
        ward: l.tip.ward,
        category: l.tip.category,
        suggestions: l.suggestions,
      })),
      this.deadlines.decisionDays,
    );
    this.tips.addEventsTo(
      batch,
      leads.map((l) => ({
        tipId: l.tip.id,
        type: 'lead_opened',
        actor: by.actor,
        role: by.role,
        detail: {
          leadId: l.id,
          priority: l.priority,
          urgent: l.tip.urgent,
          suggestions: (JSON.parse(l.suggestions) as unknown[]).length,
        },
      })),
    );
    for (const l of leads) if (l.tip.urgent) this.notifyUrgent(m, batch, l.id);
    // Duplicates that arrived first and are waiting for these leads, read (and locked) by the
    // same statement; they join them now.
    const waiting = await this.linkage.runReadingWaitingDuplicates(
      m,
      batch,
      leads.map((l) => l.tip.id),
      holding,
    );
    const leadOf = new Map(leads.map((l) => [l.tip.id, l.id]));
    const joins: { tip: TriagedTip; leadId: string }[] = [];
    for (const tip of waiting) {
      const leadId = tip.duplicate_of ? leadOf.get(tip.duplicate_of) : undefined;
      if (leadId) joins.push({ tip, leadId });
    }
    // The leads have just opened: every waiting duplicate can join.
    await this.joinLeads(m, joins, { actor: 'linkage' });
  }

  /**
   * Each duplicate joins its lead (in the order given), in a few statements for them all: the
   * leads locked and read in one, raised to their new tips' priority and urgency in one, a
   * dismissed lead put back in the queue, the tips' moves and events in one. Answers the tips
   * that must stand on their own instead: an urgent report of an event whose lead is already
   * linked (the case is worked, but a threat now needs a lead now), or of a lead that is gone.
   */
  private async joinLeads(
    m: EntityManager,
    joins: { tip: TriagedTip; leadId: string }[],
    by: LinkActor,
  ): Promise<TriagedTip[]> {
    if (joins.length === 0) return [];
    const leads = await this.linkage.lockLeads(m, [...new Set(joins.map((j) => j.leadId))]);
    const alone: TriagedTip[] = [];
    const raises = new Map<string, { leadId: string; priority: number; urgent: boolean }>();
    const reopenedBy = new Map<string, string>();
    const cases = new Set<string>();
    const batch = new SqlBatch();
    const events: Parameters<TipsRepository['addEventsTo']>[1] = [];
    for (const { tip, leadId } of joins) {
      const lead = leads.get(leadId);
      if (!lead || (tip.urgent && lead.stage === 'linked')) {
        alone.push(tip);
        continue;
      }
      // The lead takes the higher priority, and urgency.
      const priority = tip.urgent ? Math.max(tip.priority, URGENT_LEAD_PRIORITY) : tip.priority;
      const raise = raises.get(leadId);
      raises.set(leadId, {
        leadId,
        priority: Math.max(raise?.priority ?? priority, priority),
        urgent: (raise?.urgent ?? false) || tip.urgent,
      });
      if (lead.stage === 'dismissed') {
        reopenedBy.set(leadId, tip.id);
        lead.stage = 'open';
      }
      // The lead became urgent with this report: it is announced as an urgent lead opening.
      if (tip.urgent && !lead.urgent) {
        lead.urgent = true;
        this.notifyUrgent(m, batch, leadId);
      }
      const onCase = lead.stage === 'linked';
      this.linkage.joinLeadTo(
        batch,
        {
          tipId: tip.id,
          leadId,
          stage: STAGE_FOR_LEAD[lead.stage],
          ...(onCase ? { linkedCaseId: lead.case_id } : {}),
        },
        this.deadlines.decisionDays,
      );
      events.push({
        tipId: tip.id,
        type: 'lead_joined',
        actor: by.actor,
        role: by.role,
        detail: { leadId, ...(onCase ? { caseId: lead.case_id } : {}) },
      });
      if (onCase && lead.case_id) cases.add(lead.case_id);
    }
    await this.linkage.raiseLeads(m, [...raises.values()]);
    for (const [leadId, byTipId] of reopenedBy) await this.reopen(m, leadId, byTipId);
    if (events.length > 0) {
      this.tips.addEventsTo(batch, events);
      await batch.run(m);
    }
    // Joining a linked lead: the tip takes the case's outcome (status, resolution, arrests) and
    // the case's events on its trail now, as the tips linked with the lead did.
    // In id order, so that two batches take the cases' locks in the same order.
    for (const caseId of [...cases].sort()) await projectCaseOutcome(m, caseId);
    return alone;
  }

  /**
   * A new report of a dismissed lead's event: the lead goes back in the queue, its tips with it,
   * each with a `lead_reopened` entry on its trail naming the tip that brought it back.
   */
  private async reopen(manager: EntityManager, leadId: string, byTipId: string): Promise<void> {
    const batch = new SqlBatch();
    const moved = this.linkage.reopenLeadTo(batch, leadId);
    this.tips.addEventsForTo(batch, moved, {
      type: 'lead_reopened',
      actor: 'linkage',
      detail: { leadId, byTipId },
    });
    this.outbox.notifyTo(batch, { v: 1, type: 'lead_reopened', entityId: leadId, ref: byTipId });
    this.outbox.wakeAfterCommit(manager);
    await batch.run(manager);
  }
}
