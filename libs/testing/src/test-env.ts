import { randomBytes } from 'node:crypto';
import { spawn, ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { dropDatabase, freePort, waitFor } from '@app/stack';

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

/** A Redis of the test's own on a free port, with no persistence, that the test may kill. */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort());
    await r.restart();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await waitFor(async () => {
      const c = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
      try {
        await c.connect();
        return (await c.ping()) === 'PONG';
      } finally {
        c.disconnect();
      }
    }, 10_000);
  }

  async kill(): Promise<void> {
    if (!this.child) return;
    const exited = new Promise((r) => this.child!.once('exit', r));
    this.child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async flushAll(): Promise<void> {
    const c = new Redis(this.url, { maxRetriesPerRequest: 1 });
    try {
      await c.flushall();
    } finally {
      c.disconnect();
    }
  }
}
