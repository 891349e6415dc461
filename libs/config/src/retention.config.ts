import { configConcern } from './config-concern';
import { readInt } from './env';

export interface RetentionConfig {
  /** Tipster identity and messages of tips whose case resolved this many days ago are purged. */
  days: number;
  intervalMs: number;
}

/** The purge of tipster data (the housekeeper; the API's legal holds share the service). */
export const retentionConfig = configConcern('retention', (env): RetentionConfig => ({
  days: readInt(env, 'RETENTION_DAYS', 365, 0, 36_500),
  intervalMs: readInt(env, 'RETENTION_INTERVAL_MS', 3_600_000, 100, 86_400_000),
}));
