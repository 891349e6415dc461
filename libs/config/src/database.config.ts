import { configConcern } from './config-concern';
import { readInt, readUrl } from './env';

export interface DatabaseConfig {
  url: string;
  /** Connections per process. */
  poolSize: number;
  /**
   * A standby for the reports' read-only queries (DATABASE_READ_URL), or null: reports then read
   * the primary. Used only while its replay lag is under `readMaxLagMs`.
   */
  readUrl: string | null;
  /** The standby's largest replay lag at which reports still read it (DATABASE_READ_MAX_LAG_MS). */
  readMaxLagMs: number;
}

const PROTOCOLS = ['postgres:', 'postgresql:'];

/** PostgreSQL, the record: every process. */
export const databaseConfig = configConcern('database', (env): DatabaseConfig => ({
  url: readUrl(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/tiptrace', PROTOCOLS),
  poolSize: readInt(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
  readUrl: env.DATABASE_READ_URL ? readUrl(env, 'DATABASE_READ_URL', '', PROTOCOLS) : null,
  // Reports may lag the events by 5 s (the contract); the funnel's projector takes up to about
  // 2 s of that, so the standby may be at most 1 s behind.
  readMaxLagMs: readInt(env, 'DATABASE_READ_MAX_LAG_MS', 1000, 0, 3000),
}));
