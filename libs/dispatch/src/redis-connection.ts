import type { RedisOptions as BullRedisOptions } from 'bullmq';
import Redis, { RedisOptions } from 'ioredis';
import type { QueueConfig } from '@app/config';

type RedisSettings = Pick<QueueConfig, 'redisUrl' | 'sentinel'>;

/**
 * A server that was the master and is now a replica answers writes with READONLY (a client that
 * kept its connection through a failover, or across a network cut that healed). Reconnecting asks
 * the sentinels again and sends the command to the new master (2: reconnect and resend).
 */
export function reconnectOnReadonly(err: Error): 2 | false {
  return err.message.startsWith('READONLY') ? 2 : false;
}

/**
 * The ioredis options of every Redis client of the product (BullMQ's queues and workers, the
 * rate limits): REDIS_URL's address, or, with REDIS_SENTINELS set, the current master as the
 * sentinels name it. The user, password, database number and TLS come from REDIS_URL either
 * way. `extra` adds the caller's own options (key prefix, retries, offline queue).
 */
export function redisOptions(settings: RedisSettings, extra: RedisOptions = {}): RedisOptions {
  const url = new URL(settings.redisUrl);
  const db = Number(url.pathname.replace(/^\//, '') || '0');
  const base: RedisOptions = {
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: Number.isInteger(db) && db >= 0 ? db : 0,
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  const sentinel = settings.sentinel;
  if (!sentinel) {
    return {
      ...base,
      host: url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
      port: Number(url.port || 6379),
      ...extra,
    };
  }
  return {
    ...base,
    sentinels: sentinel.sentinels.map((s) => ({ host: s.host, port: s.port })),
    name: sentinel.name,
    role: 'master',
    ...(sentinel.password ? { sentinelPassword: sentinel.password } : {}),
    // No failoverDetector: in ioredis 5 its +switch-master handler can close a client that is
    // already reconnecting after the master died, and that client then stays closed for good. A
    // dead master is noticed by its connection breaking; one that is alive but was demoted
    // answers READONLY, which reconnects.
    reconnectOnError: reconnectOnReadonly,
    ...extra,
  };
}

/**
 * BullMQ's `connection`: commands wait through a reconnection (or a failover) instead of failing
 * after a few retries, which BullMQ's workers require (maxRetriesPerRequest: null).
 */
export function bullConnection(settings: RedisSettings): BullRedisOptions {
  // The same options; BullMQ's type only lacks ioredis's `retryStrategy: null`, never set here.
  return redisOptions(settings, { maxRetriesPerRequest: null }) as BullRedisOptions;
}

/** A Redis client of the product, direct or through Sentinel as configured. */
export function createRedis(settings: RedisSettings, extra: RedisOptions = {}): Redis {
  return new Redis(redisOptions(settings, extra));
}
