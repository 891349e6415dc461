import Redis from 'ioredis';
import { chaosTips, PrivatePostgres } from '@app/testing';
import { PrivateSentinel, sleep } from '@tools/stack';
import { ChaosStack, operators, settleAndCheck, TipLoad } from './harness';

// Fault scenarios run real processes for minutes; the default jest timeout is far too short.
jest.setTimeout(15 * 60_000);

const trace = (msg: string) => {
  if (process.env.CHAOS_TRACE) process.stderr.write(`[scenario 10] ${msg}\n`);
};

describe('10. Redis master killed -9 under load, Sentinel promotes the replica', () => {
  let pg: PrivatePostgres | null = null;
  let group: PrivateSentinel | null = null;
  let stack: ChaosStack | null = null;

  beforeAll(async () => {
    pg = await PrivatePostgres.start();
    group = await PrivateSentinel.start();
    trace('servers up');
  });

  afterAll(async () => {
    await stack?.close().catch(() => undefined);
    if (group && process.env.CHAOS_ECHO) process.stderr.write(group.logs());
    await group?.destroy().catch(() => undefined);
    await pg?.destroy().catch(() => undefined);
  });

  it('loses, doubles and invents nothing when the master dies twice and the replica takes over', async () => {
    const tips = chaosTips(240, 2000);
    const sentinel = group!;
    // Every process finds the master through the three sentinels (REDIS_SENTINELS).
    stack = await ChaosStack.create(pg!, sentinel, 'redis-failover', sentinel.env());
    const s = stack;
    await s.start();
    trace('stack up');
    const load = new TipLoad(await operators(s));

    let flows = true;
    const failovers: { killed: number; promoted: number; seconds: number }[] = [];
    const chaos = (async () => {
      // kill -9 of the master at 25 % and again at 70 % of the load: the second time the node
      // promoted the first time dies, and the first one, started again empty and made a replica
      // by the sentinels, takes over.
      for (const at of [0.25, 0.7]) {
        while (flows && load.acked.size < tips * at) await sleep(50);
        if (!flows) return;
        s.fault();
        const t0 = Date.now();
        const killed = await sentinel.killMaster();
        trace(`killed master ${killed} at ${load.acked.size} acked`);
        const promoted = await sentinel.waitForFailover(killed);
        trace(`promoted ${promoted} after ${(Date.now() - t0) / 1000} s`);
        failovers.push({ killed, promoted, seconds: (Date.now() - t0) / 1000 });
        s.fault();
        // The dead node comes back (empty, no persistence) and the sentinels make it a replica.
        await sleep(1000);
        await sentinel.restartNode(killed);
        await sentinel.waitForReplica(killed);
        trace(`${killed} replicates again`);
      }
    })();
    const t0 = Date.now();
    // 5 tips a second at CI size: the load lasts through both failovers (each, with the dead node
    // brought back as a replica, takes about 20 s).
    await load.submit(tips, 'failover', { perSecond: tips >= 1000 ? undefined : 5 });
    const loadEnd = Date.now();
    flows = false;
    trace(`load done: ${load.acked.size} acked`);
    await chaos;

    const result = await settleAndCheck(
      s,
      load,
      {
        scenario: '10. Redis master killed -9, Sentinel promotes the replica',
        notes: () =>
          `failovers (kill -9 to the sentinels naming the new master): ${failovers
            .map((f) => `${f.seconds.toFixed(1)} s`)
            .join(
              ', ',
            )}; ${s.restarts} process restarts; load ${((loadEnd - t0) / 1000).toFixed(1)} s; answers ${JSON.stringify(load.statuses)}`,
      },
      0, // recovery runs from the last fault (the second promotion)
    );
    process.stdout.write(
      `scenario 10: failovers ${JSON.stringify(failovers)}; recovery ${result.maxRecoverySeconds.toFixed(1)} s\n`,
    );

    expect(failovers).toHaveLength(2);
    expect(result.settledAt).not.toBeNull();
    expect(result.check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
    expect(load.count500).toBe(0);

    // The processes followed the sentinels: the node that is the master now (the second one
    // promoted) holds the stack's queues, written after it took over.
    const master = await sentinel.masterPort();
    expect(master).toBe(failovers[1].promoted);
    const c = new Redis({ host: '127.0.0.1', port: master, maxRetriesPerRequest: 1 });
    try {
      const [, keys] = await c.scan('0', 'MATCH', `${s.queuePrefix}:*`, 'COUNT', 10_000);
      expect(keys.length).toBeGreaterThan(0);
    } finally {
      c.disconnect();
    }
  });
});
