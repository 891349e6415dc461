import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { QueueName } from '@app/contracts';
import type { Category, Channel } from '@app/contracts';
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
      const rows: ReceivedTip[] = await manager.query(
        `SELECT id, ward, category, channel, description, location_address, occurred_at, received_at
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
        occurredAt: tip.occurred_at,
        receivedAt: tip.received_at,
      });
      const quality = assessQuality(tip.description);
      if (!quality.ok) {
        const rejectedReason = `${quality.reason}: ${quality.detail}`;
        await this.markTriaged(manager, tip.id, 'rejected', {
          norm,
          entities,
          priority,
          reasons,
          duplicateOf: null,
          rejectedReason,
        });
        await this.tips.addEvents(manager, [
          { tipId, type: 'triaged', actor: 'triage', detail: { priority, rejectedReason } },
        ]);
        return 'done';
      }

      // Serialise triage within a ward so two reports of one event see each other.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('triage:' || $1))`, [tip.ward]);
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
      await this.markTriaged(manager, tip.id, 'triaged', {
        norm,
        entities,
        priority,
        reasons: allReasons,
        duplicateOf: dup?.rootId ?? null,
        rejectedReason: null,
      });
      await manager.query(
        `INSERT INTO tip_entity_values (tip_id, kind, value)
         SELECT $1, k, v FROM unnest($2::text[], $3::text[]) AS e(k, v) ON CONFLICT DO NOTHING`,
        [
          tip.id,
          [
            ...entities.phones.map(() => 'phone'),
            ...entities.plates.map(() => 'plate'),
            ...entities.addresses.map(() => 'address'),
          ],
          [...entities.phones, ...entities.plates, ...entities.addresses],
        ],
      );
      await this.tips.addEvents(manager, [
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
      await this.outbox.enqueueStage(manager, QueueName.Linkage, [tip.id]);
      return 'done';
    });
  }

  private async markTriaged(
    manager: EntityManager,
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
  ): Promise<void> {
    await manager.query(
      `UPDATE tips SET stage = $2, triaged_at = now(), stage_changed_at = now(),
         description_norm = $3, entities = $4, priority = $5, triage_reasons = $6,
         duplicate_of = $7, rejected_reason = $8
       WHERE id = $1`,
      [
        id,
        stage,
        r.norm,
        JSON.stringify(r.entities),
        r.priority,
        JSON.stringify(r.reasons),
        r.duplicateOf,
        r.rejectedReason,
      ],
    );
  }
}
