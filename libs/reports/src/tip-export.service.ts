import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { csvLine } from './csv';
import { ReportsRepository } from './reports.repository';

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
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportsRepository,
  ) {}

  async *csv(f: TipExportFilter): AsyncGenerator<string> {
    yield csvLine(HEADER);
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const rows = await this.reports.tipExportPage(this.dataSource.manager, {
        ...f,
        after,
        limit: 5000,
      });
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
