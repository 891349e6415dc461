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
  };
}
