import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import Redis from 'ioredis';
import { Client } from 'pg';
import { freePort } from '@tools/stack';
import { answersAt, DemoServers, demoPort, removeQueueKeys } from '@tools/demo';

const PG_BASE = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const REDIS_BASE = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The demo's server discovery on real sockets and the installed PostgreSQL and Redis binaries. */
describe('demo servers', () => {
  it('starts a private PostgreSQL and Redis where nothing answers, uses them, and removes them', async () => {
    const [pgPort, redisPort] = [await freePort(), await freePort()];
    const servers = new DemoServers();
    const said: string[] = [];
    const dirs: string[] = [];
    const ports: number[] = [];
    try {
      await servers.resolve(
        {
          database: {
            url: `postgres://postgres@127.0.0.1:${pgPort}/tiptrace_demo`,
            variable: 'DATABASE_URL',
          },
          redis: { url: `redis://127.0.0.1:${redisPort}`, variable: 'REDIS_URL' },
        },
        (line) => said.push(line),
      );
      const pg = servers.postgres!;
      const redis = servers.redis!;
      dirs.push(pg.dir, redis.dir);
      ports.push(pg.port, redis.port);
      expect(said.sort()).toEqual([
        `PostgreSQL did not answer at 127.0.0.1:${pgPort}: started a private one on 127.0.0.1:${pg.port} for this run`,
        `Redis did not answer at 127.0.0.1:${redisPort}: started a private one on 127.0.0.1:${redis.port} for this run`,
      ]);
      expect(servers.databaseUrl).toBe(`postgres://postgres@127.0.0.1:${pg.port}/tiptrace_demo`);
      expect(servers.redisUrl).toBe(`redis://127.0.0.1:${redis.port}`);
      expect(dirs.every((d) => existsSync(d))).toBe(true);

      // PostgreSQL answers, with the extensions the migrations create.
      const db = new Client({ connectionString: pg.database('postgres') });
      await db.connect();
      try {
        const { rows } = await db.query<{ name: string }>(
          `SELECT name FROM pg_available_extensions WHERE name IN ('pg_trgm', 'intarray') ORDER BY name`,
        );
        expect(rows.map((r) => r.name)).toEqual(['intarray', 'pg_trgm']);
        await db.query('CREATE DATABASE tiptrace_demo');
      } finally {
        await db.end();
      }

      // Redis answers, and the demo's queue keys go at the end while others stay.
      const client = new Redis(servers.redisUrl, { maxRetriesPerRequest: 1 });
      try {
        expect(await client.ping()).toBe('PONG');
        await client.set('tiptrace-demo-1:triage:id', '1');
        await client.set('tiptrace-demo-1:ratelimit:x', '1');
        await client.set('tiptrace-demo-10:triage:id', '1');
        expect(await removeQueueKeys(servers.redisUrl, 'tiptrace-demo-1')).toBe(2);
        expect((await client.keys('*')).sort()).toEqual(['tiptrace-demo-10:triage:id']);
      } finally {
        client.disconnect();
      }
    } finally {
      await servers.stop();
    }
    expect(servers.anyPrivate).toBe(false);
    expect(dirs.filter((d) => existsSync(d))).toEqual([]);
    for (const port of ports) expect(await answersAt('127.0.0.1', port)).toBe(false);
  });

  it('leaves servers that answer alone', async () => {
    const servers = new DemoServers();
    const said: string[] = [];
    await servers.resolve(
      {
        database: { url: `${PG_BASE}/tiptrace_demo`, variable: 'DATABASE_URL' },
        redis: { url: REDIS_BASE, variable: 'REDIS_URL' },
      },
      (line) => said.push(line),
    );
    expect(said).toEqual([]);
    expect([servers.databaseUrl, servers.redisUrl]).toEqual([
      `${PG_BASE}/tiptrace_demo`,
      REDIS_BASE,
    ]);
    expect(servers.anyPrivate).toBe(false);
    await servers.stop();
  });

  it('removes a server that was still starting when stopped', async () => {
    const servers = new DemoServers();
    const starting = servers.resolve({
      database: {
        url: `postgres://postgres@127.0.0.1:${await freePort()}/x`,
        variable: 'DATABASE_URL',
      },
      redis: { url: REDIS_BASE, variable: 'REDIS_URL' },
    });
    await new Promise((r) => setTimeout(r, 50));
    await servers.stop();
    await expect(starting).rejects.toThrow('stopped while starting');
    expect(servers.postgres).toBeNull();
  });

  it('takes PORT when it is free and refuses it in one line when it is taken', async () => {
    const port = await freePort();
    await expect(demoPort({ PORT: String(port) })).resolves.toBe(port);
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(port, () => r()));
    try {
      await expect(demoPort({ PORT: String(port) })).rejects.toThrow(
        `PORT ${port} is in use: stop what listens there, set PORT to a free port, or unset it for any free port`,
      );
    } finally {
      await new Promise((r) => taken.close(r));
    }
  });
});
