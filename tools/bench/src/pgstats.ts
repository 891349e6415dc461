/**
 * What PostgreSQL did for a run: commits (pg_stat_database), statements (pg_stat_statements,
 * when the server preloads it) and WAL bytes (pg_current_wal_lsn), diffed between two snapshots.
 */
import { Client } from 'pg';

export interface PgSnapshot {
  commits: number;
  statements: number | null;
  walLsn: string;
}

export interface PgPerItem {
  commits: number;
  /** null when pg_stat_statements is not loaded (shared_preload_libraries). */
  statements: number | null;
  walBytes: number;
  /**
   * The WAL's largest kinds of record, bytes per item (pg_walinspect's pg_get_wal_stats, when
   * the bench may create the extension: a private PostgreSQL, or a superuser's): what the
   * walBytes are made of. `fpiBytes` are the full-page images among them.
   */
  walByRecord?: WalShare[];
}

export interface WalShare {
  /** Resource manager and record type, as pg_get_wal_stats names them (`Heap/HOT_UPDATE`). */
  record: string;
  count: number;
  bytes: number;
  fpiBytes: number;
}

/** Whether pg_stat_statements counts here; creates the extension in the bench database if so. */
export async function statementsAvailable(db: Client): Promise<boolean> {
  const { rows } = await db.query<{ on: boolean }>(
    `SELECT 'pg_stat_statements' = ANY(string_to_array(replace(current_setting('shared_preload_libraries'), ' ', ''), ',')) AS on`,
  );
  if (!rows[0].on) return false;
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  return true;
}

/**
 * The database's commit count (every client of this database: the bench's own polling
 * included), the statements run on it (when counted) and the cluster's WAL position.
 */
export async function pgSnapshot(db: Client, statements: boolean): Promise<PgSnapshot> {
  // Statistics are per backend until flushed; ask for a fresh view.
  await db.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await db.query<{ commits: string; lsn: string }>(
    `SELECT xact_commit::text AS commits, pg_current_wal_lsn()::text AS lsn
     FROM pg_stat_database WHERE datname = current_database()`,
  );
  let calls: number | null = null;
  if (statements) {
    const r = await db.query<{ calls: string | null }>(
      `SELECT sum(calls)::text AS calls FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    calls = Number(r.rows[0].calls ?? 0);
  }
  return { commits: Number(rows[0].commits), statements: calls, walLsn: rows[0].lsn };
}

export async function pgPerItem(
  db: Client,
  before: PgSnapshot,
  after: PgSnapshot,
  items: number,
): Promise<PgPerItem> {
  const { rows } = await db.query<{ bytes: string }>(
    `SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::text AS bytes`,
    [after.walLsn, before.walLsn],
  );
  const per = (x: number) => (items > 0 ? Math.round((x / items) * 100) / 100 : 0);
  return {
    commits: per(after.commits - before.commits),
    statements:
      after.statements === null || before.statements === null
        ? null
        : per(after.statements - before.statements),
    walBytes: per(Number(rows[0].bytes)),
    ...(await walByRecord(db, before.walLsn, after.walLsn, per)),
  };
}

let walUnreadable = false;

/** The WAL between two positions by kind of record, per item; nothing if it cannot be read. */
async function walByRecord(
  db: Client,
  from: string,
  to: string,
  per: (x: number) => number,
): Promise<{ walByRecord?: WalShare[] }> {
  try {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_walinspect');
    const { rows } = await db.query<{ record: string; n: string; bytes: string; fpi: string }>(
      `SELECT "resource_manager/record_type" AS record, count::text AS n,
              combined_size::text AS bytes, fpi_size::text AS fpi
       FROM pg_get_wal_stats($1::pg_lsn, LEAST($2::pg_lsn, pg_current_wal_flush_lsn()), true)
       WHERE count > 0 ORDER BY combined_size DESC LIMIT 10`,
      [from, to],
    );
    return {
      walByRecord: rows.map((r) => ({
        record: r.record,
        count: per(Number(r.n)),
        bytes: per(Number(r.bytes)),
        fpiBytes: per(Number(r.fpi)),
      })),
    };
  } catch (err) {
    // Not installed (Debian's postgresql-contrib), not allowed, or the WAL already recycled by a
    // checkpoint (a long round): the total stands alone, and the reason is printed once.
    if (!walUnreadable)
      console.log(`[bench] WAL by kind of record not read: ${(err as Error).message}`);
    walUnreadable = true;
    return {};
  }
}

export interface StatementTime {
  query: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  rows: number;
  /** Share of all statement time in the bench database. */
  share: number;
}

/** Where the database's time went over the whole run: the statements that took most, longest first. */
export async function topStatements(db: Client, limit = 25): Promise<StatementTime[]> {
  const { rows } = await db.query<{
    query: string;
    calls: string;
    total: number;
    mean: number;
    rows: string;
    share: number;
  }>(
    `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 300) AS query, calls::text AS calls,
            total_exec_time AS total, mean_exec_time AS mean, rows::text AS rows,
            total_exec_time / NULLIF(sum(total_exec_time) OVER (), 0) AS share
     FROM pg_stat_statements
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND query NOT LIKE '%pg_get_wal_stats%'
     ORDER BY total_exec_time DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    query: r.query,
    calls: Number(r.calls),
    totalMs: Math.round(r.total),
    meanMs: Math.round(r.mean * 1000) / 1000,
    rows: Number(r.rows),
    share: Math.round((r.share ?? 0) * 1000) / 1000,
  }));
}
