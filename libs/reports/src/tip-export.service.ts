import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SqlWhere } from '@app/database';
import { csvLine } from './csv';

export interface TipExportFilter {
  stage?: string;
  ward?: string;
  category?: string;
  channel?: string;
  from?: string;
  to?: string;
}

const HEADER = [
  'id',
  'reference',
  'receivedAt',
  'stage',
  'channel',
  'category',
  'ward',
  'priority',
  'duplicateOf',
  'rejectedReason',
  'leadId',
  'caseId',
  'caseStatus',
  'resolution',
  'arrests',
];

/**
 * The tip list as CSV for a supervisor's spreadsheet: stages and outcomes, never the tip's text
 * or the tipster. Rows are read in keyset pages so a year of tips streams in bounded memory.
 */
@Injectable()
export class TipExportService {
  constructor(private readonly dataSource: DataSource) {}

  async *csv(f: TipExportFilter): AsyncGenerator<string> {
    yield csvLine(HEADER);
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const w = new SqlWhere();
      if (f.stage) w.add('stage = ?', f.stage);
      if (f.ward) w.add('ward = ?', f.ward);
      if (f.category) w.add('category = ?', f.category);
      if (f.channel) w.add('channel = ?', f.channel);
      if (f.from) w.add('received_at >= ?', f.from);
      if (f.to) w.add('received_at < ?', f.to);
      if (after) {
        w.and(
          `(received_at, id) > (${w.param(after.at.toISOString())}::timestamptz, ${w.param(after.id)}::uuid)`,
        );
      }
      const rows: Record<string, unknown>[] & { received_at: Date; id: string }[] =
        await this.dataSource.query(
          `SELECT id, reference, received_at, stage, channel, category, ward, priority, duplicate_of,
                  rejected_reason, lead_id, case_id, case_status, case_resolution, arrests
           FROM tips ${w.clause}
           ORDER BY received_at, id LIMIT 5000`,
          w.params,
        );
      if (rows.length === 0) return;
      let chunk = '';
      for (const r of rows) {
        chunk += csvLine([
          r.id,
          r.reference,
          r.received_at,
          r.stage,
          r.channel,
          r.category,
          r.ward,
          r.priority,
          r.duplicate_of,
          r.rejected_reason,
          r.lead_id,
          r.case_id,
          r.case_status,
          r.case_resolution,
          r.arrests,
        ]);
      }
      yield chunk;
      const last = rows[rows.length - 1];
      after = { at: last.received_at, id: last.id };
      if (rows.length < 5000) return;
    }
  }
}
