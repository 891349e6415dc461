import type { QueryRunner } from 'typeorm';

/** A table whose planner statistics or dead rows are past the bounds asked for. */
export interface DueTable {
  table: string;
  modified: number;
  dead: number;
  live: number;
  vacuum: boolean;
}

/** Bounds: rows changed since the last analysis, and dead rows, each a floor plus a share. */
export interface StatisticsBounds {
  analyzeMin: number;
  analyzeShare: number;
  vacuumMin: number;
  vacuumShare: number;
}

const LOCK = `hashtext('housekeeper:statistics')`;

/** The statistics pass's reads and commands, on one session (`runner`, outside a transaction). */
export class TableStatisticsRepository {
  /** Takes the pass's session lock if free (one replica at a time). */
  async tryLock(runner: QueryRunner): Promise<boolean> {
    const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock(${LOCK}) AS locked`)) as {
      locked: boolean;
    }[];
    return locked;
  }

  async unlock(runner: QueryRunner): Promise<void> {
    await runner.query(`SELECT pg_advisory_unlock(${LOCK})`);
  }

  /** The schema's tables past `bounds`, by name. */
  async due(runner: QueryRunner, bounds: StatisticsBounds): Promise<DueTable[]> {
    return (await runner.query(
      `SELECT relname AS table, n_mod_since_analyze::float8 AS modified,
              n_dead_tup::float8 AS dead, n_live_tup::float8 AS live,
              n_dead_tup > $3::float8 + $4::float8 * n_live_tup AS vacuum
       FROM pg_stat_user_tables
       WHERE schemaname = current_schema()
         AND (n_mod_since_analyze > $1::float8 + $2::float8 * n_live_tup
              OR n_dead_tup > $3::float8 + $4::float8 * n_live_tup)
       ORDER BY relname`,
      [bounds.analyzeMin, bounds.analyzeShare, bounds.vacuumMin, bounds.vacuumShare],
    )) as DueTable[];
  }

  /** Analyses `table`, vacuuming it first when `vacuum` (VACUUM runs outside a transaction). */
  async refresh(runner: QueryRunner, table: string, vacuum: boolean): Promise<void> {
    const name = `"${table.replace(/"/g, '""')}"`;
    await runner.query(vacuum ? `VACUUM (ANALYZE) ${name}` : `ANALYZE ${name}`);
  }
}
