import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '@app/dispatch';
import {
  DueTable,
  StatisticsBounds,
  TableStatisticsRepository,
} from './table-statistics.repository';

/**
 * The keeper's bounds are twice autovacuum's defaults (analyse after 50 + 10 % of the rows
 * changed, vacuum after 50 + 20 % dead), with a floor, so that on a server whose autovacuum runs
 * the server acts first and this pass finds nothing to do.
 */
const BOUNDS: StatisticsBounds = {
  analyzeMin: 1000,
  analyzeShare: 0.2,
  vacuumMin: 10000,
  vacuumShare: 0.4,
};
const PERIOD_MS = 60_000;

/**
 * Keeps the planner's statistics and the visibility of the record's tables from going stale on a
 * server whose autovacuum is off or far behind: every minute it analyses a table changed well past
 * autovacuum's own bound since its last analysis (vacuuming it too when its dead rows are past
 * theirs). Without it, a table that grew from empty keeps the statistics of an empty table, and
 * the pipeline's plans turn to full scans (seen: linkage's case search going from under 30 ms to
 * 200–500 ms a call at 100 k tips). One replica works at a time (a session advisory lock).
 */
@Injectable()
export class StatisticsKeeper extends PeriodicTask {
  protected readonly logger = new Logger(StatisticsKeeper.name);

  private readonly tables = new TableStatisticsRepository();

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  protected intervalMs(): number {
    return PERIOD_MS;
  }

  protected tick(): Promise<DueTable[]> {
    return this.runOnce();
  }

  /** One pass: the tables it analysed (and vacuumed), or none if another replica holds the lock. */
  async runOnce(): Promise<DueTable[]> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      if (!(await this.tables.tryLock(runner))) return [];
      try {
        const due = await this.tables.due(runner, BOUNDS);
        for (const t of due) {
          // VACUUM cannot run in a transaction: this runner has none open.
          await this.tables.refresh(runner, t.table, t.vacuum);
          this.logger.log({
            msg: t.vacuum ? 'table vacuumed and analysed' : 'table analysed',
            table: t.table,
            modified: t.modified,
            dead: t.dead,
            live: t.live,
          });
        }
        return due;
      } finally {
        await this.tables.unlock(runner);
      }
    } finally {
      await runner.release();
    }
  }
}
