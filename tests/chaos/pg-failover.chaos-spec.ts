import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseConfig } from '@app/config';
import { dataSourceOptions, ReportReader } from '@app/database';
import { CHAOS_DIR, chaosTips, PrivateRedis } from '@app/testing';
import { PATRONI_TTL_S, PrivatePatroni, sleep, waitFor } from '@tools/stack';
import { ChaosStack, operators, settleAndCheck, TipLoad } from './harness';

// Fault scenarios run real processes for minutes; the default jest timeout is far too short.
jest.setTimeout(15 * 60_000);

/** How many of `ids` the server at `url` holds (its tips table). */
async function tipsOn(url: string, ids: string[]): Promise<number> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>(
      'SELECT count(*) AS n FROM tips WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return Number(rows[0].n);
  } finally {
    await c.end().catch(() => undefined);
  }
}

describe('9. PostgreSQL primary killed -9, Patroni promotes the standby', () => {
  let redis: PrivateRedis | null = null;
  let cluster: PrivatePatroni | null = null;
  let stack: ChaosStack | null = null;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    cluster = await PrivatePatroni.start();
  });
  afterAll(async () => {
    await stack?.close().catch(() => undefined);
    if (cluster) {
      mkdirSync(join(CHAOS_DIR, 'logs'), { recursive: true });
      writeFileSync(join(CHAOS_DIR, 'logs', 'pgfailover-patroni.log'), cluster.logs());
    }
    await cluster?.destroy().catch(() => undefined);
    await redis?.destroy().catch(() => undefined);
  });

  it('loses no acknowledged tip, doubles none; retries with their keys go to the new primary', async () => {
    const tips = chaosTips(200, 2000);
    const pg = cluster!;
    stack = await ChaosStack.create(pg, redis!, 'pgfailover');
    const s = stack;
    await s.start();
    const load = new TipLoad(await operators(s));

    const first = (await pg.primary())!;
    let promotedMs = -1;
    let rejoinedMs = -1;
    let flows = true;
    const chaos = (async () => {
      while (flows && load.acked.size < tips * 0.4) await sleep(50);
      if (!flows) return;
      // The primary's machine dies: Patroni and PostgreSQL with every backend, at once.
      const t = Date.now();
      s.fault();
      await pg.killNode(first);
      const promoted = await waitFor(
        async () => {
          const p = await pg.primary();
          return p && p !== first ? p : false;
        },
        120_000,
        () => 'the standby to be promoted',
        100,
      );
      promotedMs = Date.now() - t;
      expect(promoted).not.toBe(first);
      // The operator brings the failed machine back: it rewinds and follows the new primary,
      // which then waits for it again on every commit.
      pg.restartNode(first);
      await pg.waitSynchronous(120_000);
      rejoinedMs = Date.now() - t;
    })();
    const t0 = Date.now();
    await load.submit(tips, 'pgfo', { perSecond: tips >= 1000 ? undefined : 20 });
    const loadEnd = Date.now();
    flows = false;
    await chaos;

    const result = await settleAndCheck(
      s,
      load,
      {
        scenario: '9. PostgreSQL primary killed -9 (Patroni failover)',
        notes: () =>
          `primary node killed -9 at 40 %; standby promoted after ${(promotedMs / 1000).toFixed(1)} s ` +
          `(leader TTL ${PATRONI_TTL_S} s), old primary back as synchronous standby after ${(rejoinedMs / 1000).toFixed(1)} s; ` +
          `answers ${JSON.stringify(load.statuses)}; ${s.restarts} process restarts; load ${((loadEnd - t0) / 1000).toFixed(1)} s`,
      },
      0, // recovery runs from the kill
    );
    expect(promotedMs).toBeGreaterThan(0);
    expect(rejoinedMs).toBeGreaterThan(0);
    // The API said 503 while there was no primary, and never 500.
    expect(load.statuses['503'] ?? 0).toBeGreaterThan(0);
    expect(load.count500).toBe(0);
    expect(result.settledAt).not.toBeNull();
    expect(result.check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });

    // Every acknowledged tip is on both servers: the standby (through HAProxy's standby port)
    // holds all of them too.
    const standby = pg.readDatabase(`tt_${s.name}`);
    await waitFor(
      async () => (await tipsOn(standby, load.ids)) === load.ids.length,
      30_000,
      async () => `the standby to hold every acknowledged tip (${await tipsOn(standby, load.ids)})`,
      250,
    );

    // Reports given DATABASE_READ_URL read the streaming standby, and its answers are the record's.
    const primary = new DataSource(dataSourceOptions(s.databaseUrl, 2));
    await primary.initialize();
    const reader = new ReportReader(
      primary,
      databaseConfig.load({ DATABASE_URL: s.databaseUrl, DATABASE_READ_URL: standby }),
    );
    try {
      const read = await reader.source();
      expect(read).not.toBe(primary);
      const [row]: { standby: boolean; n: string }[] = await read.query(
        'SELECT pg_is_in_recovery() AS standby, count(*) AS n FROM tips WHERE id = ANY($1::uuid[])',
        [load.ids],
      );
      expect({ standby: row.standby, n: Number(row.n) }).toEqual({
        standby: true,
        n: load.ids.length,
      });
    } finally {
      await reader.onModuleDestroy();
      await primary.destroy();
    }
  });
});
