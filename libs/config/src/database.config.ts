import { configConcern } from './config-concern';
import { readInt, readUrl } from './env';

export interface DatabaseConfig {
  url: string;
  /** Connections per process. */
  poolSize: number;
}

/** PostgreSQL, the record: every process. */
export const databaseConfig = configConcern('database', (env): DatabaseConfig => ({
  url: readUrl(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/tiptrace', [
    'postgres:',
    'postgresql:',
  ]),
  poolSize: readInt(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
}));
