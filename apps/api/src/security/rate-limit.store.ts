import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { QueueConfig, queueConfig } from '@app/config';
import { createRedis } from '@app/dispatch';

// Fixed window: INCR, expire on first hit; once over the limit the key is blocked for a while.
const HIT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return {hits, ttl, 1, blocked} end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, ttl, 1, tonumber(ARGV[3])}
end
return {hits, ttl, 0, 0}`;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Window {
  hits: number;
  expiresAt: number;
  blockedUntil: number;
}

/**
 * Counters for rate limits, shared by every API replica through Redis (under QUEUE_PREFIX). Keys
 * are hashes, never client addresses. When Redis does not answer, each replica counts in memory
 * so that login and the public channel keep working, still limited.
 */
@Injectable()
export class RateLimitStore implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger(RateLimitStore.name);
  private readonly redis: Redis;
  private readonly local = new Map<string, Window>();
  private warned = false;

  constructor(@Inject(queueConfig.KEY) queue: QueueConfig) {
    this.redis = createRedis(queue, {
      keyPrefix: `${queue.prefix}:ratelimit:`,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    this.redis.on('error', () => undefined);
    this.redis.connect().catch(() => undefined);
  }

  /** ThrottlerStorage: times in the record are seconds, as the guard's headers expect. */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const w = await this.hit(`${throttlerName}:${key}`, ttl, limit, blockDuration);
    const now = Date.now();
    return {
      totalHits: w.hits,
      timeToExpire: Math.max(0, Math.ceil((w.expiresAt - now) / 1000)),
      isBlocked: w.blockedUntil > now,
      timeToBlockExpire: Math.max(0, Math.ceil((w.blockedUntil - now) / 1000)),
    };
  }

  /** Counts one event against `key`; blocked once more than `limit` fall in one window. */
  async hit(key: string, windowMs: number, limit: number, blockMs: number): Promise<Window> {
    const now = Date.now();
    try {
      const [hits, ttl, blocked, blockTtl] = (await this.redis.eval(
        HIT,
        2,
        `${key}:hits`,
        `${key}:blocked`,
        windowMs,
        limit,
        blockMs,
      )) as [number, number, number, number];
      return {
        hits,
        expiresAt: now + Math.max(ttl, 0),
        blockedUntil: blocked ? now + blockTtl : 0,
      };
    } catch {
      if (!this.warned) {
        this.warned = true;
        this.logger.warn({ msg: 'rate limits counted in memory: Redis did not answer' });
      }
      return this.hitLocally(key, windowMs, limit, blockMs, now);
    }
  }

  /** Whether `key` is blocked now, without counting anything. */
  async blocked(key: string): Promise<number> {
    try {
      const ttl = await this.redis.pttl(`${key}:blocked`);
      return ttl > 0 ? ttl : 0;
    } catch {
      const w = this.local.get(key);
      return w && w.blockedUntil > Date.now() ? w.blockedUntil - Date.now() : 0;
    }
  }

  private hitLocally(
    key: string,
    windowMs: number,
    limit: number,
    blockMs: number,
    now: number,
  ): Window {
    let w = this.local.get(key);
    if (!w || (w.expiresAt <= now && w.blockedUntil <= now)) {
      if (this.local.size > 100_000) this.sweep(now);
      w = { hits: 0, expiresAt: now + windowMs, blockedUntil: 0 };
      this.local.set(key, w);
    }
    if (w.expiresAt <= now) {
      w.hits = 0;
      w.expiresAt = now + windowMs;
    }
    w.hits += 1;
    if (w.blockedUntil <= now && w.hits > limit) w.blockedUntil = now + blockMs;
    return { ...w };
  }

  private sweep(now: number): void {
    for (const [k, w] of this.local)
      if (w.expiresAt <= now && w.blockedUntil <= now) this.local.delete(k);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
