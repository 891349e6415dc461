import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TipStage } from '@app/contracts';
import type { SqlBatch, TipEntitiesFound } from '@app/database';
import { URGENT_LEAD_PRIORITY } from '@app/linkage';
import { tipStageUpdate } from '@app/tips';
import type { StoredReason } from '@app/triage';

/** A tip as a person's decision reads it. */
export interface HeldTip {
  id: string;
  stage: TipStage;
  ward: string;
  category: string;
  received_at: Date;
  description_norm: string | null;
  entities: TipEntitiesFound | null;
  priority: number | null;
  urgent: boolean;
  triage_reasons: (StoredReason | string)[] | null;
  duplicate_of: string | null;
  lead_id: string | null;
}

const HELD_COLUMNS = `id, stage, ward, category, received_at, description_norm, entities, priority,
  urgent, triage_reasons, duplicate_of, lead_id`;

/** The writes of people's decisions on tips and leads. */
@Injectable()
export class DecisionsRepository {
  /** Reads and locks the tip; undefined when unknown. */
  async lockTip(m: EntityManager, tipId: string): Promise<HeldTip | undefined> {
    const rows: HeldTip[] = await m.query(
      `SELECT ${HELD_COLUMNS} FROM tips WHERE id = $1 FOR UPDATE`,
      [tipId],
    );
    return rows[0];
  }

  /** Adds to `batch` the tip's rejection for `reason` (no longer waiting for review). */
  rejectTo(batch: SqlBatch, tipId: string, reason: string): void {
    const p = (v: unknown) => batch.param(v);
    tipStageUpdate(batch, {
      to: 'rejected',
      set: [`rejected_reason = ${p(reason)}`, 'review_reason = NULL'],
      where: `t.id = ${p(tipId)}::uuid`,
    });
  }

  /**
   * Adds to `batch` the tip's return to `triaged`, off its lead and case, no longer a duplicate,
   * with `reasons` as its triage reasons.
   */
  unmergeTo(batch: SqlBatch, tipId: string, reasons: (StoredReason | string)[]): void {
    const p = (v: unknown) => batch.param(v);
    tipStageUpdate(batch, {
      to: 'triaged',
      set: [
        'duplicate_of = NULL',
        'lead_id = NULL',
        `triage_reasons = ${p(JSON.stringify(reasons))}::jsonb`,
        'lead_open_at = NULL',
        'claimed_at = NULL',
        'linked_at = NULL',
        'dismissed_at = NULL',
        'case_id = NULL',
        'case_status = NULL',
        'case_resolution = NULL',
        'arrests = 0',
      ],
      where: `t.id = ${p(tipId)}::uuid`,
    });
  }

  /**
   * Adds to `batch` the lead's new priority (urgent no more below URGENT_LEAD_PRIORITY). Returns
   * a SELECT of the lead's tips' ids, for their events.
   */
  setLeadPriorityTo(batch: SqlBatch, leadId: string, priority: number): string {
    const p = (v: unknown) => batch.param(v);
    batch.add(
      `UPDATE leads SET priority = ${p(priority)}::int,
           urgent = urgent AND ${p(priority)}::int >= ${URGENT_LEAD_PRIORITY},
           updated_at = now()
         WHERE id = ${p(leadId)}::uuid`,
    );
    return `SELECT id FROM tips WHERE lead_id = ${p(leadId)}::uuid`;
  }
}
