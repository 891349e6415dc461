import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SqlWhere } from '@app/database';

/** Filters of the tip export. */
export interface TipExportPage {
  stage?: string;
  ward?: string;
  category?: string;
  channel?: string;
  from?: string;
  to?: string;
  /** The page starts after this tip (received order). */
  after: { at: Date; id: string } | null;
  limit: number;
}

/** A tip as the export writes it: stages and outcomes, never its text or its tipster. */
export interface TipExportRow {
  id: string;
  reference: string;
  received_at: Date;
  stage: string;
  channel: string;
  category: string;
  ward: string;
  priority: number | null;
  duplicate_of: string | null;
  rejected_reason: string | null;
  lead_id: string | null;
  case_id: string | null;
  case_status: string | null;
  case_resolution: string | null;
  arrests: number;
}

/** The reads of the deadline report, the annual report and the tip export. */
@Injectable()
export class ReportsRepository {
  /**
   * Per ward, the undecided tips past their decision deadline and those due within `withinDays`,
   * with the moment they were counted at (through tips_decision_due_idx).
   */
  deadlinesByWard(
    m: EntityManager,
    withinDays: number,
  ): Promise<{ ward: string; overdue: number; due_soon: number; as_of: Date }[]> {
    return m.query(
      `WITH now AS (SELECT now() AS t)
         SELECT ward, count(*) FILTER (WHERE decision_due_at < now.t)::int AS overdue,
                count(*) FILTER (WHERE decision_due_at >= now.t)::int AS due_soon, now.t AS as_of
         FROM tips, now
         WHERE stage IN ('duplicate', 'lead_open', 'lead_claimed')
           AND decision_due_at < now.t + make_interval(days => $1)
         GROUP BY ward, now.t`,
      [withinDays],
    );
  }

  /** One page of the tip export, in received order. */
  tipExportPage(m: EntityManager, f: TipExportPage): Promise<TipExportRow[]> {
    const w = new SqlWhere();
    if (f.stage) w.add('stage = ?', f.stage);
    if (f.ward) w.add('ward = ?', f.ward);
    if (f.category) w.add('category = ?', f.category);
    if (f.channel) w.add('channel = ?', f.channel);
    if (f.from) w.add('received_at >= ?', f.from);
    if (f.to) w.add('received_at < ?', f.to);
    if (f.after) {
      w.and(
        `(received_at, id) > (${w.param(f.after.at.toISOString())}::timestamptz, ${w.param(f.after.id)}::uuid)`,
      );
    }
    return m.query(
      `SELECT id, reference, received_at, stage, channel, category, ward, priority, duplicate_of,
                  rejected_reason, lead_id, case_id, case_status, case_resolution, arrests
           FROM tips ${w.clause}
           ORDER BY received_at, id LIMIT ${f.limit}`,
      w.params,
    );
  }
}
