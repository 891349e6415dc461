import { Client } from 'pg';
import { ApiClient, ProcessStack, userWithRole, sleep, waitFor } from '@tools/stack';
import { newTestEnv, newTip, PrivateRedis, TestEnv } from '@app/testing';

const FINAL = ['lead_open', 'duplicate', 'rejected', 'needs_review'];

/**
 * Guarantees 1–3 under faults: Redis losing every key, Redis restarted without persistence, and
 * workers killed with SIGKILL mid-stream. Each test runs its own Redis so it may destroy it.
 */
describe('resilience: no tip lost, none doubled', () => {
  let redis: PrivateRedis;
  let env: TestEnv;
  let stack: ProcessStack;
  let op: ApiClient;
  let db: Client;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    env = newTestEnv('resilience', redis.url);
    stack = await ProcessStack.create({
      ...env,
      env: { RECONCILE_INTERVAL_MS: '1000', STUCK_AFTER_MS: '2000', JOB_BACKOFF_MS: '100' },
    });
    await stack.startAll();
    op = await userWithRole(stack.baseUrl, 'operator');
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
    await env?.cleanup();
    await redis?.kill();
  });

  /** Submits `n` tips with an Idempotency-Key each, retrying until each is acknowledged. */
  async function submitMany(n: number, tag: string, during?: (i: number) => Promise<void>) {
    const acked = new Set<string>();
    for (let i = 0; i < n; i += 10) {
      if (during) await during(i);
      await Promise.all(
        Array.from({ length: Math.min(10, n - i) }, async (_, k) => {
          const key = `${tag}-${i + k}`;
          for (let attempt = 0; attempt < 50; attempt++) {
            const res = await op
              .call<{ id: string }>('POST', '/api/tips', newTip({ ward: 'Phường 9' }), {
                'Idempotency-Key': key,
              })
              .catch(() => null);
            if (res?.status === 202) {
              acked.add(res.body.id);
              return;
            }
            await sleep(100);
          }
          throw new Error(`tip ${key} never acknowledged`);
        }),
      );
    }
    return acked;
  }

  async function expectAllSettledOnce(acked: Set<string>, timeoutMs = 60_000) {
    const ids = [...acked];
    await waitFor(
      async () => {
        const r = await db.query(
          `SELECT count(*)::int AS n FROM tips WHERE id = ANY($1) AND stage = ANY($2)`,
          [ids, FINAL],
        );
        return r.rows[0].n === ids.length;
      },
      timeoutMs,
      async () => {
        const r = await db.query(
          `SELECT stage, count(*)::int AS n FROM tips WHERE id = ANY($1) GROUP BY stage`,
          [ids],
        );
        return `all ${ids.length} tips to settle: ${JSON.stringify(r.rows)}`;
      },
      250,
    );
    // Lost: acknowledged but missing. Duplicated: a second lead or a second stage event.
    const stored = await db.query(`SELECT count(*)::int AS n FROM tips WHERE id = ANY($1)`, [ids]);
    expect(stored.rows[0].n).toBe(ids.length);
    const leads = await db.query(
      `SELECT origin_tip_id FROM leads WHERE origin_tip_id = ANY($1) GROUP BY origin_tip_id HAVING count(*) > 1`,
      [ids],
    );
    expect(leads.rows).toEqual([]);
    const events = await db.query(
      `SELECT tip_id, type, count(*)::int AS n FROM tip_events WHERE tip_id = ANY($1)
       GROUP BY tip_id, type HAVING count(*) > 1`,
      [ids],
    );
    expect(events.rows).toEqual([]);
    const open = await db.query(
      `SELECT count(*)::int AS n FROM tips t WHERE id = ANY($1) AND stage = 'lead_open'
         AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.origin_tip_id = t.id)`,
      [ids],
    );
    expect(open.rows[0].n).toBe(0);
  }

  it('loses no tip when Redis loses every key mid-flow (FLUSHALL)', async () => {
    const acked = await submitMany(120, 'flush', async (i) => {
      if (i === 40 || i === 80) await redis.flushAll();
    });
    await redis.flushAll();
    await expectAllSettledOnce(acked);
  });

  it('loses no tip when Redis is killed and restarted without persistence', async () => {
    const acked = await submitMany(60, 'restart', async (i) => {
      if (i === 30) {
        await redis.kill();
        await sleep(500);
        await redis.restart();
      }
    });
    await expectAllSettledOnce(acked);
  });

  it('loses and doubles nothing when workers are killed with SIGKILL mid-stream', async () => {
    const killer = (async () => {
      for (let round = 0; round < 4; round++) {
        await sleep(400);
        for (const app of ['triage-worker', 'linkage-worker', 'dispatcher'] as const) {
          const victim = stack.alive(app)[0];
          if (victim) {
            await stack.kill(victim, 'SIGKILL');
            await stack.start(app);
          }
        }
      }
    })();
    const acked = await submitMany(200, 'kill');
    await killer;
    await expectAllSettledOnce(acked);
  });

  it('drains in-flight work on SIGTERM: a stopped worker leaves nothing half-done', async () => {
    const acked = await submitMany(50, 'term');
    const worker = stack.alive('triage-worker')[0];
    const code = await stack.kill(worker, 'SIGTERM');
    expect(code).toBe(0);
    expect(worker.output.join('')).toContain('triage-worker stopped');
    await stack.start('triage-worker');
    await expectAllSettledOnce(acked);
  });
});
