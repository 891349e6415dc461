import { configConcern } from './config-concern';
import { ConfigError, readInt, readName, readUrl } from './env';

/** One Redis Sentinel to ask where the master is. */
export interface SentinelAddress {
  host: string;
  port: number;
}

/**
 * Redis through Sentinel: the sentinels to ask, the master's name they watch, and the password of
 * the sentinels themselves (the master's user and password stay in REDIS_URL).
 */
export interface SentinelConfig {
  sentinels: SentinelAddress[];
  name: string;
  password?: string;
}

export interface QueueConfig {
  /**
   * The Redis server; with `sentinel` set only its user, password, database number and TLS
   * (`rediss:`) are used, the address comes from the sentinels.
   */
  redisUrl: string;
  /** Set when REDIS_SENTINELS is: every Redis client then finds the current master through them. */
  sentinel: SentinelConfig | null;
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
  sentinel: readSentinel(env),
  prefix: readName(env, 'QUEUE_PREFIX', 'tiptrace', 64),
  attempts: readInt(env, 'JOB_ATTEMPTS', 6, 1, 50),
  backoffMs: readInt(env, 'JOB_BACKOFF_MS', 500, 10, 600_000),
  concurrency: readInt(env, 'WORKER_CONCURRENCY', 8, 1, 256),
  stageBatch: readInt(env, 'STAGE_BATCH_MAX', 32, 1, 500),
  stageBatchesAtOnce: readInt(env, 'STAGE_BATCHES_AT_ONCE', 2, 1, 16),
}));

/** REDIS_SENTINELS (host:port, comma-separated), REDIS_SENTINEL_NAME, REDIS_SENTINEL_PASSWORD. */
export function readSentinel(env: NodeJS.ProcessEnv): SentinelConfig | null {
  const raw = (env.REDIS_SENTINELS ?? '').trim();
  if (raw === '') {
    if (env.REDIS_SENTINEL_NAME) {
      throw new ConfigError('REDIS_SENTINEL_NAME is set but REDIS_SENTINELS is not');
    }
    return null;
  }
  const sentinels = raw.split(',').map((item) => sentinelAddress(item.trim()));
  if (new Set(sentinels.map((s) => `${s.host}:${s.port}`)).size !== sentinels.length) {
    throw new ConfigError('REDIS_SENTINELS names a sentinel twice');
  }
  if (!env.REDIS_SENTINEL_NAME) {
    throw new ConfigError('REDIS_SENTINEL_NAME (the master name the sentinels watch) is required');
  }
  const name = readName(env, 'REDIS_SENTINEL_NAME', '', 64);
  const password = env.REDIS_SENTINEL_PASSWORD || undefined;
  return password ? { sentinels, name, password } : { sentinels, name };
}

function sentinelAddress(item: string): SentinelAddress {
  // host:port, or [v6]:port
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(item);
  const port = m ? Number(m[3]) : 0;
  if (!m || port < 1 || port > 65535) {
    throw new ConfigError('REDIS_SENTINELS must list host:port pairs separated by commas');
  }
  return { host: m[1] ?? m[2], port };
}
