import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PipelineConfig, pipelineConfig } from '@app/config';
import { QueueName } from '@app/contracts';
import type { Category, Channel, Reason } from '@app/contracts';
import { SqlBatch } from '@app/database';
import type { TipEntitiesFound } from '@app/database';
import { OutboxWriter, StageOutcome } from '@app/dispatch';
import { TipsRepository } from '@app/tips';
import { decideTriage, normalizeText } from './analysis';
import { DuplicateFinder } from './duplicate.finder';
import { entityValueRows, extractEntities } from './entities';

interface ReceivedTip {
  id: string;
  ward: string;
  category: Category;
  channel: Channel;
  description: string;
  location_address: string | null;
  occurred_at: Date | null;
  received_at: Date;
}

/** A reason as stored in tips.triage_reasons: its code and the English line clients have read. */
export interface StoredReason extends Reason {
  text: string;
}

/** A tip triage let through (or a person accepted), ready for the duplicate search. */
export interface PassingTip {
  id: string;
  ward: string;
  category: string;
  received_at: Date;
  description_norm: string;
  entities: TipEntitiesFound;
  priority: number;
  urgent: boolean;
  reasons: StoredReason[];
}

/** Takes the ward's triage lock in the caller's transaction (see TriageTipService.triage). */
export async function lockWardForTriage(m: EntityManager, ward: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('triage:' || $1))`, [ward]);
}

/**
 * Records triage's decision on the tip (or a person's, going on as if triage had passed it): the
 * one statement that writes a tip's triage fields. `triaged_at` keeps the first triage time.
 */
function markTriaged(
  batch: SqlBatch,
  id: string,
  r: {
    stage: 'triaged' | 'rejected' | 'needs_review';
    norm: string;
    entities: TipEntitiesFound;
    priority: number;
    reasons: StoredReason[];
    urgent: boolean;
    duplicateOf: string | null;
    rejectedReason: string | null;
    reviewReason: string | null;
  },
): void {
  const p = (v: unknown) => batch.param(v);
  batch.add(
    `UPDATE tips SET stage = ${p(r.stage)}, triaged_at = COALESCE(triaged_at, now()),
       stage_changed_at = now(), description_norm = ${p(r.norm)},
       entities = ${p(JSON.stringify(r.entities))}::jsonb, priority = ${p(r.priority)}::int,
       triage_reasons = ${p(JSON.stringify(r.reasons))}::jsonb, urgent = ${p(r.urgent)}::boolean,
       duplicate_of = ${p(r.duplicateOf)}::uuid, rejected_reason = ${p(r.rejectedReason)},
       review_reason = ${p(r.reviewReason)}
     WHERE id = ${p(id)}`,
  );
}

/**
 * Triage: normalise, score priority with reasons, recognise an immediate threat to life, and
 * recommend. Only clear junk is rejected here; a tip too vague to act on, or one triage is unsure
 * of, waits for a person (`needs_review`); an urgent tip is never held back. A tip that passes is
 * checked against earlier reports of the same event and handed to linkage.
 */
@Injectable()
export class TriageTipService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly duplicates: DuplicateFinder,
    private readonly tips: TipsRepository,
    private readonly outbox: OutboxWriter,
    @Inject(pipelineConfig.KEY) private readonly pipeline: PipelineConfig,
  ) {}

  async triage(tipId: string): Promise<StageOutcome> {
    return this.dataSource.transaction(async (manager) => {
      // Triage is serialised within a ward, so two reports of one event see each other: the
      // ward's lock is taken as the tip is read (the statements after it see every tip triaged
      // before it was granted).
      const rows: ReceivedTip[] = await manager.query(
        `SELECT id, ward, category, channel, description, location_address, occurred_at, received_at,
                pg_advisory_xact_lock(hashtext('triage:' || ward)) IS NULL AS locked
         FROM tips WHERE id = $1 AND stage = 'received' FOR UPDATE`,
        [tipId],
      );
      const tip = rows[0];
      // Already triaged (a redelivered job) or unknown: nothing to do, change nothing.
      if (!tip) return 'skipped';

      const norm = normalizeText(tip.description);
      const entities: TipEntitiesFound = extractEntities(tip.description, tip.location_address);
      const d = decideTriage({
        description: tip.description,
        category: tip.category,
        channel: tip.channel,
        address: tip.location_address,
        occurredAt: tip.occurred_at,
        receivedAt: tip.received_at,
        normalized: norm,
      });
      const reasons: StoredReason[] = d.codes.map((c, i) => ({
        ...c,
        text: d.reasons[i] ?? c.code,
      }));

      if (d.verdict !== 'pass') {
        // Clear junk is closed (a person can restore it); anything else waits for a person.
        const stage = d.verdict === 'reject' ? 'rejected' : 'needs_review';
        const batch = new SqlBatch();
        markTriaged(batch, tip.id, {
          stage,
          norm,
          entities,
          priority: d.priority,
          reasons,
          urgent: false,
          duplicateOf: null,
          rejectedReason: d.rejectedReason,
          reviewReason: d.reviewReason,
        });
        this.tips.addEventsTo(batch, [
          {
            tipId,
            type: 'triaged',
            actor: 'triage',
            detail: {
              priority: d.priority,
              urgent: false,
              ...(d.rejectedReason ? { rejectedReason: d.rejectedReason } : {}),
              ...(d.reviewReason ? { reviewReason: d.reviewReason } : {}),
            },
          },
        ]);
        await batch.run(manager);
        return 'done';
      }

      await this.pass(manager, {
        id: tip.id,
        ward: tip.ward,
        category: tip.category,
        received_at: tip.received_at,
        description_norm: norm,
        entities,
        priority: d.priority,
        urgent: d.urgent,
        reasons,
      });
      return 'done';
    });
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
    opts: {
      handOff?: boolean;
      event?: { type: string; actor: string; role?: string; detail?: Record<string, unknown> };
    } = {},
  ): Promise<{ duplicateOf: string | null }> {
    const handOff = opts.handOff ?? true;
    const dup = await this.duplicates.find(
      manager,
      { id: tip.id, ward: tip.ward, receivedAt: tip.received_at, category: tip.category },
      tip.description_norm,
      tip.entities,
      this.pipeline.duplicateWindowHours,
    );
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
    // Every write of the decision in one statement.
    const batch = new SqlBatch();
    const p = (v: unknown) => batch.param(v);
    markTriaged(batch, tip.id, {
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
    const rows = entityValueRows(tip.entities);
    if (rows.values.length > 0) {
      batch.add(
        `INSERT INTO tip_entity_values (tip_id, kind, value)
         SELECT ${p(tip.id)}, k, v FROM unnest(${p(rows.kinds)}::text[], ${p(rows.values)}::text[]) AS e(k, v)
         ON CONFLICT DO NOTHING`,
      );
    }
    this.tips.addEventsTo(batch, [
      opts.event
        ? { tipId: tip.id, ...opts.event }
        : {
            tipId: tip.id,
            type: 'triaged',
            actor: 'triage',
            detail: { priority: tip.priority, urgent: tip.urgent },
          },
      ...(dup
        ? [
            {
              tipId: tip.id,
              type: 'duplicate_detected',
              actor: 'triage',
              detail: { duplicateOf: dup.rootId, shared: dup.shared, similarity: dup.similarity },
            },
          ]
        : []),
    ]);
    if (handOff) this.outbox.enqueueStageTo(batch, QueueName.Linkage, [tip.id]);
    await batch.run(manager);
    if (handOff) this.outbox.wakeAfterCommit(manager);
    return { duplicateOf: dup?.rootId ?? null };
  }
}
