import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { QueueName } from '@app/contracts';
import type { Category, Channel } from '@app/contracts';
import { SqlBatch } from '@app/database';
import type { TipEntitiesFound } from '@app/database';
import { OutboxWriter, StageOutcome } from '@app/dispatch';
import { extractEntities } from '@app/linkage';
import { TipsRepository } from '@app/tips';
import { assessQuality, normalizeText, scorePriority } from './analysis';
import { DuplicateFinder } from './duplicate.finder';

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

/**
 * Triage: normalise, score priority with readable reasons, reject spam and too-vague tips, and
 * recognise a second report of an event already reported.
 */
@Injectable()
export class TriageTipService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly duplicates: DuplicateFinder,
    private readonly tips: TipsRepository,
    private readonly outbox: OutboxWriter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
      const { priority, reasons } = scorePriority({
        category: tip.category,
        channel: tip.channel,
        description: tip.description,
        normalized: norm,
        occurredAt: tip.occurred_at,
        receivedAt: tip.received_at,
      });
      const quality = assessQuality(tip.description, norm);
      if (!quality.ok) {
        const rejectedReason = `${quality.reason}: ${quality.detail}`;
        const batch = new SqlBatch();
        this.markTriaged(batch, tip.id, 'rejected', {
          norm,
          entities,
          priority,
          reasons,
          duplicateOf: null,
          rejectedReason,
        });
        this.tips.addEventsTo(batch, [
          { tipId, type: 'triaged', actor: 'triage', detail: { priority, rejectedReason } },
        ]);
        await batch.run(manager);
        return 'done';
      }

      const dup = await this.duplicates.find(
        manager,
        { id: tip.id, ward: tip.ward, receivedAt: tip.received_at, category: tip.category },
        norm,
        entities,
        this.config.pipeline.duplicateWindowHours,
      );
      const allReasons = dup
        ? [
            ...reasons,
            `duplicate of ${dup.rootReference}: ${[
              ...dup.shared,
              `text similarity ${dup.similarity.toFixed(2)}`,
            ].join(', ')}`,
          ]
        : reasons;
      // Every write of the decision in one statement.
      const batch = new SqlBatch();
      this.markTriaged(batch, tip.id, 'triaged', {
        norm,
        entities,
        priority,
        reasons: allReasons,
        duplicateOf: dup?.rootId ?? null,
        rejectedReason: null,
      });
      const values = [...entities.phones, ...entities.plates, ...entities.addresses];
      if (values.length > 0) {
        batch.add(
          `INSERT INTO tip_entity_values (tip_id, kind, value)
           SELECT ${batch.param(tip.id)}, k, v
           FROM unnest(${batch.param([
             ...entities.phones.map(() => 'phone'),
             ...entities.plates.map(() => 'plate'),
             ...entities.addresses.map(() => 'address'),
           ])}::text[], ${batch.param(values)}::text[]) AS e(k, v)
           ON CONFLICT DO NOTHING`,
        );
      }
      this.tips.addEventsTo(batch, [
        { tipId, type: 'triaged', actor: 'triage', detail: { priority } },
        ...(dup
          ? [
              {
                tipId,
                type: 'duplicate_detected',
                actor: 'triage',
                detail: { duplicateOf: dup.rootId, shared: dup.shared, similarity: dup.similarity },
              },
            ]
          : []),
      ]);
      this.outbox.enqueueStageTo(batch, QueueName.Linkage, [tip.id]);
      await batch.run(manager);
      this.outbox.wakeAfterCommit(manager);
      return 'done';
    });
  }

  private markTriaged(
    batch: SqlBatch,
    id: string,
    stage: 'triaged' | 'rejected',
    r: {
      norm: string;
      entities: TipEntitiesFound;
      priority: number;
      reasons: string[];
      duplicateOf: string | null;
      rejectedReason: string | null;
    },
  ): void {
    const p = (v: unknown) => batch.param(v);
    batch.add(
      `UPDATE tips SET stage = ${p(stage)}, triaged_at = now(), stage_changed_at = now(),
         description_norm = ${p(r.norm)}, entities = ${p(JSON.stringify(r.entities))}::jsonb,
         priority = ${p(r.priority)}::int, triage_reasons = ${p(JSON.stringify(r.reasons))}::jsonb,
         duplicate_of = ${p(r.duplicateOf)}::uuid, rejected_reason = ${p(r.rejectedReason)}
       WHERE id = ${p(id)}`,
    );
  }
}
