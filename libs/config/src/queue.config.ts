import { configConcern } from './config-concern';
import { readInt, readName, readUrl } from './env';

export interface QueueConfig {
  redisUrl: string;
  /** Every Redis key lives under it: stacks with different prefixes never meet. */
  prefix: string;
  attempts: number;
  backoffMs: number;
  /** Jobs a worker process runs at once (the outcome worker; see stageBatch for the stages). */
  concurrency: number;
  /**
   * Triage and linkage work in batches: the most tips one transaction takes, and how many such
   * transactions a worker runs at once. A stage worker holds stageBatch × stageBatchesAtOnce jobs.
   */
  stageBatch: number;
  stageBatchesAtOnce: number;
}

/** BullMQ on Redis: every process (the API enqueues and keeps its rate limits there). */
export const queueConfig = configConcern('queue', (env): QueueConfig => ({
  redisUrl: readUrl(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
  prefix: readName(env, 'QUEUE_PREFIX', 'tiptrace', 64),
  attempts: readInt(env, 'JOB_ATTEMPTS', 6, 1, 50),
  backoffMs: readInt(env, 'JOB_BACKOFF_MS', 500, 10, 600_000),
  concurrency: readInt(env, 'WORKER_CONCURRENCY', 8, 1, 256),
  stageBatch: readInt(env, 'STAGE_BATCH_MAX', 32, 1, 500),
  stageBatchesAtOnce: readInt(env, 'STAGE_BATCHES_AT_ONCE', 2, 1, 16),
}));
