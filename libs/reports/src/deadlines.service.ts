import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReferenceConfig, referenceConfig } from '@app/config';
import { ReportsRepository } from './reports.repository';

/** Undecided tips of one ward (or all) by where their decision deadline stands now. */
export interface DeadlineCounts {
  /** Past `decisionDueAt`, still undecided (neither linked to a case nor dismissed). */
  overdue: number;
  /** Due from now to the end of the window (`withinDays`). */
  dueSoon: number;
}

export interface DeadlinesReport extends DeadlineCounts {
  asOf: string;
  withinDays: number;
  /** Every ward of the district, in order, with zeros where nothing is due. */
  byWard: (DeadlineCounts & { ward: string })[];
}

/**
 * The supervisor's legal clock: how many undecided tips each ward has past their decision
 * deadline, and how many fall due within the next days. Judged now, from the tips themselves,
 * through tips_decision_due_idx (undecided tips only, read up to the window's end).
 */
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(referenceConfig.KEY) private readonly reference: ReferenceConfig,
    private readonly reports: ReportsRepository,
  ) {}

  async report(withinDays = 7): Promise<DeadlinesReport> {
    const rows = await this.reports.deadlinesByWard(this.dataSource.manager, withinDays);
    const byWard = new Map(rows.map((r) => [r.ward, r]));
    const wards = [
      ...this.reference.wards,
      ...rows.map((r) => r.ward).filter((w) => !this.reference.wards.includes(w)),
    ];
    const list = wards.map((ward) => ({
      ward,
      overdue: byWard.get(ward)?.overdue ?? 0,
      dueSoon: byWard.get(ward)?.due_soon ?? 0,
    }));
    return {
      asOf: (rows[0]?.as_of ?? new Date()).toISOString(),
      withinDays,
      overdue: list.reduce((a, w) => a + w.overdue, 0),
      dueSoon: list.reduce((a, w) => a + w.dueSoon, 0),
      byWard: list,
    };
  }
}
