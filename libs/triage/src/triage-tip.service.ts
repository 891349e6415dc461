import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PipelineConfig, pipelineConfig } from '@app/config';
import { QueueName } from '@app/contracts';
import { SqlBatch } from '@app/database';
import type { TipEntitiesFound } from '@app/database';
import { BatchResults, OutboxWriter, StageOutcome } from '@app/dispatch';
import { TipEventInput, TipsRepository } from '@app/tips';
import { decideTriage, normalizeText } from './analysis';
import { BatchQuery, DuplicateFinder, DuplicateMatch, EarlyLook } from './duplicate.finder';
import { extractEntities } from './entities';
import { ReceivedTip, StoredReason, TriageRecord, TriageRepository } from './triage.repository';

/** A tip triage let through (or a person accepted), ready for the duplicate search. */
export interface PassingTip {
  id: string;
  reference?: string;
  ward: string;
  category: string;
  received_at: Date;
  description_norm: string;
  entities: TipEntitiesFound;
  priority: number;
  urgent: boolean;
  reasons: StoredReason[];
}

/** How a passing tip is recorded: handed to linkage by the pipeline, or decided by a person. */
interface PassOptions {
  /** Queue linkage through the outbox in the same statement (the pipeline); default true. */
  handOff?: boolean;
  /** The trail entry of the decision (default: the pipeline's `triaged`). */
  event?: { type: string; actor: string; role?: string; detail?: Record<string, unknown> };
}

/**
 * Triage: normalise, score priority with reasons, recognise an immediate threat to life, and
 * recommend. Only clear junk is rejected here; a tip too vague to act on, or one triage is unsure
 * of, waits for a person (`needs_review`); an urgent tip is never held back. A tip that passes is
 * checked against earlier reports of the same event and handed to linkage.
 *
 * Tips are triaged in batches (the jobs the worker holds at once): the analysis and the duplicate
 * search run first, without locks; then one transaction takes one lock per ward, completes the
 * search with the tips committed meanwhile, and writes the whole batch in one statement.
 */
@Injectable()
export class TriageTipService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly duplicates: DuplicateFinder,
    private readonly tips: TipsRepository,
    private readonly repo: TriageRepository,
    private readonly outbox: OutboxWriter,
    @Inject(pipelineConfig.KEY) private readonly pipeline: PipelineConfig,
  ) {}

  async triage(tipId: string): Promise<StageOutcome> {
    const result = (await this.triageMany([tipId])).get(tipId);
    if (result instanceof Error) throw result;
    return result ?? 'skipped';
  }

  /**
   * Triages the tips of `tipIds` still waiting for it, together. Triage is serialised within a
   * ward, so two reports of one event see each other: the wards' locks are taken before the tips
   * are read, and inside the batch each tip is compared with the earlier ones (received order).
   * A tip already triaged (a redelivered job) or unknown is `skipped` and changes nothing.
   */
  async triageMany(tipIds: string[]): Promise<BatchResults<StageOutcome>> {
    // The analysis (CPU only, from fields a waiting tip never changes) runs before the ward locks
    // are taken, so another batch's transaction is not kept waiting for it; under the locks each
    // tip is read again and analysed again only if what triage reads of it changed meanwhile.
    const analysed = new Map(
      (await this.repo.readReceived(this.dataSource.manager, tipIds)).map((tip) => [
        tip.id,
        analyse(tip),
      ]),
    );
    // So is the duplicate search, against the tips committed so far; under the locks it is
    // completed with the tips committed since (DuplicateFinder.lookEarly).
    const early = await this.lookEarly(
      [...analysed.values()].filter((a) => a.decision.verdict === 'pass'),
    );
    return this.dataSource.transaction(async (manager) => {
      const results: BatchResults<StageOutcome> = new Map(tipIds.map((id) => [id, 'skipped']));
      const received = await this.repo.lockReceived(manager, tipIds);
      const batch = new SqlBatch();
      const held: TriageRecord[] = [];
      const events: TipEventInput[] = [];
      const passing: PassingTip[] = [];
      for (const tip of received) {
        const earlier = analysed.get(tip.id);
        const reused = earlier !== undefined && sameInput(earlier.tip, tip);
        const { norm, entities, decision: d } = reused ? earlier : analyse(tip);
        // The early search was made for other input: the tip is searched whole under the locks.
        if (!reused) early?.covered.delete(tip.id);
        const reasons: StoredReason[] = d.codes.map((c, i) => ({
          ...c,
          text: d.reasons[i] ?? c.code,
        }));
        results.set(tip.id, 'done');
        if (d.verdict === 'pass') {
          passing.push({
            id: tip.id,
            reference: tip.reference,
            ward: tip.ward,
            category: tip.category,
            received_at: tip.received_at,
            description_norm: norm,
            entities,
            priority: d.priority,
            urgent: d.urgent,
            reasons,
          });
          continue;
        }
        // Clear junk is closed (a person can restore it); anything else waits for a person.
        held.push({
          id: tip.id,
          stage: d.verdict === 'reject' ? 'rejected' : 'needs_review',
          norm,
          entities,
          priority: d.priority,
          reasons,
          urgent: false,
          duplicateOf: null,
          rejectedReason: d.rejectedReason,
          reviewReason: d.reviewReason,
        });
        events.push({
          tipId: tip.id,
          type: 'triaged',
          actor: 'triage',
          detail: {
            priority: d.priority,
            urgent: false,
            ...(d.rejectedReason ? { rejectedReason: d.rejectedReason } : {}),
            ...(d.reviewReason ? { reviewReason: d.reviewReason } : {}),
          },
        });
      }
      this.repo.markTriagedTo(batch, held);
      this.tips.addEventsTo(batch, events);
      await this.addPassingTo(manager, batch, passing, {}, early);
      await batch.run(manager);
      if (passing.length > 0) this.outbox.wakeAfterCommit(manager);
      return results;
    });
  }

  /** The duplicate search of the tips triage will pass, before the locks (one snapshot). */
  private async lookEarly(tips: Analysis[]): Promise<EarlyLook | undefined> {
    if (tips.length === 0) return undefined;
    const queries = tips.map(({ tip, norm, entities }) =>
      batchQuery({ ...tip, description_norm: norm, entities }),
    );
    return this.duplicates.lookEarly(
      this.dataSource.manager,
      queries,
      this.pipeline.duplicateWindowHours,
    );
  }

  /**
   * A tip that triage let through, or that a person accepted or restored: looks for an earlier
   * report of the same event and records the tip as `triaged` (with `duplicate_of` when found).
   * With `handOff` (the pipeline), linkage is queued through the outbox in the same statement;
   * without it, the caller links the tip in its own transaction. The caller holds the ward's
   * triage lock. `event` is the trail entry of the decision (the pipeline's `triaged`).
   */
  async pass(
    manager: EntityManager,
    tip: PassingTip,
    opts: PassOptions = {},
  ): Promise<{ duplicateOf: string | null }> {
    const batch = new SqlBatch();
    const [dup] = await this.addPassingTo(manager, batch, [tip], opts);
    await batch.run(manager);
    if (opts.handOff ?? true) this.outbox.wakeAfterCommit(manager);
    return { duplicateOf: dup?.rootId ?? null };
  }

  /**
   * The duplicate search for `tips` (in received order, each compared with the earlier ones too)
   * and their records as `triaged`, added to `batch`; answers each tip's match.
   */
  private async addPassingTo(
    manager: EntityManager,
    batch: SqlBatch,
    tips: PassingTip[],
    opts: PassOptions,
    early?: EarlyLook,
  ): Promise<(DuplicateMatch | null)[]> {
    if (tips.length === 0) return [];
    const dups = await this.duplicates.findMany(
      manager,
      tips.map(batchQuery),
      this.pipeline.duplicateWindowHours,
      early,
    );
    const records: TriageRecord[] = [];
    const events: TipEventInput[] = [];
    tips.forEach((tip, i) => {
      const dup = dups[i];
      const reasons: StoredReason[] = dup
        ? [
            ...tip.reasons,
            {
              code: 'duplicate_of',
              params: {
                reference: dup.rootReference,
                shared: dup.shared.join(', '),
                similarity: dup.similarity,
              },
              text: `duplicate of ${dup.rootReference}: ${[
                ...dup.shared,
                `text similarity ${dup.similarity.toFixed(2)}`,
              ].join(', ')}`,
            },
          ]
        : tip.reasons;
      records.push({
        id: tip.id,
        stage: 'triaged',
        norm: tip.description_norm,
        entities: tip.entities,
        priority: tip.priority,
        reasons,
        urgent: tip.urgent,
        duplicateOf: dup?.rootId ?? null,
        rejectedReason: null,
        reviewReason: null,
      });
      events.push(
        opts.event
          ? { tipId: tip.id, ...opts.event }
          : {
              tipId: tip.id,
              type: 'triaged',
              actor: 'triage',
              detail: { priority: tip.priority, urgent: tip.urgent },
            },
      );
      if (dup) {
        events.push({
          tipId: tip.id,
          type: 'duplicate_detected',
          actor: 'triage',
          detail: { duplicateOf: dup.rootId, shared: dup.shared, similarity: dup.similarity },
        });
      }
    });
    this.repo.markTriagedTo(batch, records);
    this.tips.addEventsTo(batch, events);
    if (opts.handOff ?? true)
      this.outbox.enqueueStageTo(
        batch,
        QueueName.Linkage,
        tips.map((t) => t.id),
      );
    return dups;
  }
}

/** What the duplicate search is given of a tip. */
function batchQuery(
  t: Pick<
    PassingTip,
    'id' | 'reference' | 'ward' | 'received_at' | 'category' | 'description_norm' | 'entities'
  >,
): BatchQuery {
  return {
    id: t.id,
    reference: t.reference ?? '',
    ward: t.ward,
    receivedAt: t.received_at,
    category: t.category,
    norm: t.description_norm,
    entities: t.entities,
  };
}

/** Triage's reading of one waiting tip: its normalised text, the entities found, the decision. */
interface Analysis {
  tip: ReceivedTip;
  norm: string;
  entities: TipEntitiesFound;
  decision: ReturnType<typeof decideTriage>;
}

function analyse(tip: ReceivedTip): Analysis {
  const norm = normalizeText(tip.description);
  return {
    tip,
    norm,
    entities: extractEntities(tip.description, tip.location_address),
    decision: decideTriage({
      description: tip.description,
      category: tip.category,
      channel: tip.channel,
      address: tip.location_address,
      occurredAt: tip.occurred_at,
      receivedAt: tip.received_at,
      normalized: norm,
    }),
  };
}

/** Whether triage would read the two versions of a tip alike. */
function sameInput(a: ReceivedTip, b: ReceivedTip): boolean {
  return (
    a.description === b.description &&
    a.location_address === b.location_address &&
    a.category === b.category &&
    a.channel === b.channel &&
    a.ward === b.ward &&
    (a.occurred_at?.getTime() ?? null) === (b.occurred_at?.getTime() ?? null) &&
    a.received_at.getTime() === b.received_at.getTime()
  );
}
