import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { dropDatabase } from '@tools/stack';

const PG_BASE = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_BASE = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A database name and queue prefix of this test file's own, so files never see each other. */
export interface TestEnv {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  cleanup(): Promise<void>;
}

export function newTestEnv(name: string, redisUrl = REDIS_BASE): TestEnv {
  const id = `${name.replace(/\W/g, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = `${PG_BASE}/tt_${id}`;
  const queuePrefix = `tt-${id}`;
  return {
    databaseUrl,
    redisUrl,
    queuePrefix,
    async cleanup() {
      await dropDatabase(databaseUrl).catch(() => undefined);
      const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
      try {
        await redis.connect();
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 1000);
          if (keys.length) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } catch {
        // a private Redis that is already gone
      } finally {
        redis.disconnect();
      }
    },
  };
}
