import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicTask } from '@app/dispatch';

/** A table whose planner statistics or dead rows are past the keeper's bounds. */
interface DueTable {
  table: string;
  modified: number;
  dead: number;
  live: number;
  vacuum: boolean;
}

/**
 * The keeper's bounds are twice autovacuum's defaults (analyse after 50 + 10 % of the rows
 * changed, vacuum after 50 + 20 % dead), with a floor, so that on a server whose autovacuum runs
 * the server acts first and this pass finds nothing to do.
 */
const ANALYZE_MIN = 1000;
const ANALYZE_SHARE = 0.2;
const VACUUM_MIN = 10000;
const VACUUM_SHARE = 0.4;
const PERIOD_MS = 60_000;

const DUE_TABLES = `
  SELECT relname AS table, n_mod_since_analyze::float8 AS modified, n_dead_tup::float8 AS dead,
         n_live_tup::float8 AS live, n_dead_tup > $3::float8 + $4::float8 * n_live_tup AS vacuum
  FROM pg_stat_user_tables
  WHERE schemaname = current_schema()
    AND (n_mod_since_analyze > $1::float8 + $2::float8 * n_live_tup
         OR n_dead_tup > $3::float8 + $4::float8 * n_live_tup)
  ORDER BY relname`;

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
      const [{ locked }] = (await runner.query(
        `SELECT pg_try_advisory_lock(hashtext('housekeeper:statistics')) AS locked`,
      )) as { locked: boolean }[];
      if (!locked) return [];
      try {
        const due = (await runner.query(DUE_TABLES, [
          ANALYZE_MIN,
          ANALYZE_SHARE,
          VACUUM_MIN,
          VACUUM_SHARE,
        ])) as DueTable[];
        for (const t of due) {
          // VACUUM cannot run in a transaction: this runner has none open.
          const name = `"${t.table.replace(/"/g, '""')}"`;
          await runner.query(t.vacuum ? `VACUUM (ANALYZE) ${name}` : `ANALYZE ${name}`);
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
        await runner.query(`SELECT pg_advisory_unlock(hashtext('housekeeper:statistics'))`);
      }
    } finally {
      await runner.release();
    }
  }
}
