import Redis from 'ioredis';
import { Pool } from 'pg';
import {
  chaosTips,
  checkRecord,
  FINAL_STAGES,
  PrivatePostgres,
  PrivateRedis,
  waitUntilSettled,
} from '@app/testing';
import { RunningProcess, sleep } from '@tools/stack';
import { ChaosStack, operators, settleAndCheck, TipLoad } from './harness';
import { Netns, netnsUnavailable } from './netns';

// Fault scenarios run real processes for minutes; the default jest timeout is far too short.
jest.setTimeout(15 * 60_000);

const CUT_MS = 20_000;
const unavailable = netnsUnavailable();
if (unavailable) {
  process.stderr.write(
    `chaos scenario 11 (network cut) skipped: ${unavailable}. It needs root and iproute2 to ` +
      'make a network namespace and a veth pair of its own.\n',
  );
}
const run = unavailable ? describe.skip : describe;

const trace = (msg: string) => {
  if (process.env.CHAOS_TRACE) process.stderr.write(`[scenario 11] ${msg}\n`);
};

run('11. a worker host cut off from Redis and PostgreSQL for 20 s, then let back', () => {
  let net: Netns | null = null;
  let pg: PrivatePostgres | null = null;
  let redis: PrivateRedis | null = null;
  let stack: ChaosStack | null = null;

  beforeAll(async () => {
    // The namespace first: the servers listen on its link's host end as well as on 127.0.0.1.
    net = Netns.create();
    pg = await PrivatePostgres.start({ listen: [net.hostAddr], trust: [net.range] });
    redis = await PrivateRedis.start();
    const c = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    try {
      await c.config('SET', 'bind', `127.0.0.1 ${net.hostAddr}`);
      // Only this machine's own link reaches it (the address is the test's, on a veth pair).
      await c.config('SET', 'protected-mode', 'no');
    } finally {
      c.disconnect();
    }
  });

  afterAll(async () => {
    // Processes inside the namespace stop with the stack, before the namespace goes.
    net?.restore();
    await stack?.close().catch(() => undefined);
    await redis?.destroy().catch(() => undefined);
    await pg?.destroy().catch(() => undefined);
    net?.destroy();
  });

  it('loses, doubles and invents nothing while the other host goes on', async () => {
    const tips = chaosTips(240, 2000);
    const n = net!;
    stack = await ChaosStack.create(pg!, redis!, 'network-cut');
    const s = stack;
    // Host A (this namespace): the API and one of every worker, on 127.0.0.1.
    await s.start();
    // Host B (the namespace): a triage and a linkage worker that reach PostgreSQL and Redis only
    // over the link.
    const far = {
      DATABASE_URL: s.databaseUrl.replace('127.0.0.1', n.hostAddr),
      REDIS_URL: s.redisUrl.replace('127.0.0.1', n.hostAddr),
    };
    const hostB: RunningProcess[] = [];
    for (const app of ['triage-worker', 'linkage-worker'] as const) {
      hostB.push(await s.add(app, far, n.wrap));
    }
    const probe = new Pool({ connectionString: s.databaseUrl, max: 1 });
    const redisClients = async () => {
      const c = new Redis(redis!.url, { maxRetriesPerRequest: 1 });
      try {
        const list = String(await c.client('LIST'));
        return list.split('\n').filter((l) => l.includes(`addr=${n.nsAddr}:`)).length;
      } finally {
        c.disconnect();
      }
    };
    const pgBackends = async () =>
      Number(
        (
          await probe.query<{ n: string }>(
            'SELECT count(*) AS n FROM pg_stat_activity WHERE client_addr = $1',
            [n.nsAddr],
          )
        ).rows[0].n,
      );
    const load = new TipLoad(await operators(s));

    // Host B's workers take jobs: statements on tips from their PostgreSQL sessions, each seen
    // once (a session and the time its statement started), with the time it was first seen. A
    // session's last statement stays in pg_stat_activity once it ends, so one that took a
    // millisecond between two looks is seen as well; statements from before the load (the
    // workers starting) are not counted.
    let flows = true;
    const hostBStatements = new Map<string, number>();
    const statementsSince = (t: number) =>
      [...hostBStatements.values()].filter((seen) => seen >= t).length;
    const watchFrom = new Date();
    const watch = (async () => {
      while (flows) {
        const r = await probe
          .query<{ pid: number; started: string }>(
            `SELECT pid, query_start::text AS started FROM pg_stat_activity
              WHERE client_addr = $1 AND query ILIKE '%tip%' AND query_start >= $2`,
            [n.nsAddr, watchFrom],
          )
          .catch(() => null);
        for (const row of r?.rows ?? []) {
          const key = `${row.pid}@${row.started}`;
          if (!hostBStatements.has(key)) hostBStatements.set(key, Date.now());
        }
        await sleep(50);
      }
    })();

    const before = { redis: 0, pg: 0 };
    const during = { settled: 0, statementsOnB: 0 };
    let cutAt = 0;
    let restoredAt = 0;
    const chaos = (async () => {
      while (flows && load.acked.size < tips * 0.3) await sleep(50);
      before.redis = await redisClients();
      before.pg = await pgBackends();
      const settledBefore = await settled(s.pool);
      s.fault();
      cutAt = Date.now();
      n.cut();
      trace(`cut at ${load.acked.size} acked`);
      await sleep(CUT_MS);
      during.settled = (await settled(s.pool)) - settledBefore;
      during.statementsOnB = statementsSince(cutAt + 1000);
      n.restore();
      restoredAt = Date.now();
      s.fault();
      trace(`restored at ${load.acked.size} acked; ${during.settled} settled meanwhile`);
    })();
    const t0 = Date.now();
    // 6 tips a second at CI size: the load runs through the cut and past it.
    await load.submit(tips, 'cut', { perSecond: tips >= 1000 ? undefined : 6 });
    const loadEnd = Date.now();
    await chaos;

    const result = await settleAndCheck(
      s,
      load,
      {
        scenario: '11. worker host cut off from Redis and PostgreSQL for 20 s',
        notes: () =>
          `cut ${((restoredAt - cutAt) / 1000).toFixed(1)} s; host B had ${before.redis} Redis and ${before.pg} PostgreSQL connections over the link; ${during.settled} tips settled on host A during the cut; ${s.restarts} process restarts; load ${((loadEnd - t0) / 1000).toFixed(1)} s; answers ${JSON.stringify(load.statuses)}`,
      },
      0, // recovery runs from the link coming back
    );
    // Host B takes jobs again once let back: more tips, and its statements are seen once more.
    const beforeAfterLoad = statementsSince(0);
    await load.submit(60, 'after', { perSecond: 10 });
    const again = await waitUntilSettled(s.pool, load.ids, 120_000);
    const recheck = await checkRecord(s.pool, load.acked);
    flows = false;
    await watch;
    const hostBAfter = statementsSince(0) - beforeAfterLoad;
    const hostBBefore = [...hostBStatements.values()].filter((t) => t < cutAt).length;
    process.stdout.write(
      `scenario 11: recovery ${result.maxRecoverySeconds.toFixed(1)} s; before ${JSON.stringify(before)}; during ${JSON.stringify(during)}; host B statements before the cut ${hostBBefore}, after ${hostBAfter}; restarts ${s.restarts}\n`,
    );
    await probe.end();

    // The cut was real: host B held connections over the link and worked before the cut.
    expect(before.redis).toBeGreaterThan(0);
    expect(before.pg).toBeGreaterThan(0);
    expect(hostBBefore).toBeGreaterThan(0);
    // Host A went on meanwhile.
    expect(during.settled).toBeGreaterThan(0);
    expect(result.settledAt).not.toBeNull();
    expect(result.check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
    expect(load.count500).toBe(0);
    // Host B took jobs again once let back, and the record still holds.
    expect(hostBAfter).toBeGreaterThan(0);
    expect(again.settledAt).not.toBeNull();
    expect(recheck).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
    expect(hostB.every((p) => p.child.exitCode === null)).toBe(true);
  });
});

/** Tips that reached the end of the pipeline. */
async function settled(pool: Pool): Promise<number> {
  const r = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM tips WHERE stage = ANY($1)`,
    [FINAL_STAGES],
  );
  return Number(r.rows[0].n);
}
