import { chaosTips } from '@app/testing';
import { sleep } from '@tools/stack';
import { operators, settleAndCheck, TipLoad, useChaosInfra } from './harness';

// Fault scenarios run real processes for minutes; the default jest timeout is far too short.
jest.setTimeout(15 * 60_000);

describe('2. Redis wiped and restarted without persistence', () => {
  const infra = useChaosInfra();

  it('loses, doubles and invents nothing when Redis loses every key mid-flow', async () => {
    const tips = chaosTips(240, 2000);
    const stack = await infra.stack('redis');
    await stack.start();
    const load = new TipLoad(await operators(stack));
    const redis = infra.redis!;

    let flows = true;
    const faults: string[] = [];
    const chaos = (async () => {
      // FLUSHALL twice, then kill -9 and restart Redis (empty), while tips keep coming.
      const plan: [number, () => Promise<void>, string][] = [
        [0.25, () => redis.flushAll(), 'FLUSHALL'],
        [0.5, () => redis.flushAll(), 'FLUSHALL'],
        [
          0.75,
          async () => {
            await redis.kill();
            await sleep(1000);
            await redis.restart();
          },
          'kill -9 + restart',
        ],
      ];
      for (const [at, act, label] of plan) {
        while (flows && load.acked.size < tips * at) await sleep(50);
        if (!flows) return;
        stack.fault();
        await act();
        faults.push(label);
      }
    })();
    const t0 = Date.now();
    await load.submit(tips, 'redis', { perSecond: tips >= 1000 ? undefined : 20 });
    const loadEnd = Date.now();
    flows = false;
    await chaos;
    // One more wipe after the last tip: everything still in flight must be driven on again.
    stack.fault();
    await redis.flushAll();
    faults.push('FLUSHALL');

    const result = await settleAndCheck(
      stack,
      load,
      {
        scenario: '2. Redis wiped (FLUSHALL) and restarted without persistence',
        notes: `faults: ${faults.join(', ')}; ${stack.restarts} process restarts; load ${((loadEnd - t0) / 1000).toFixed(1)} s; answers ${JSON.stringify(load.statuses)}`,
      },
      0, // recovery runs from the last fault
    );
    expect(faults.length).toBe(4);
    expect(result.settledAt).not.toBeNull();
    expect(result.check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
    expect(load.count500).toBe(0);
  });
});
