import { chaosTips } from '@app/testing';
import { sleep } from '@tools/stack';
import { operators, settleAndCheck, TipLoad, useChaosInfra } from './harness';

// Fault scenarios run real processes for minutes; the default jest timeout is far too short.
jest.setTimeout(15 * 60_000);

describe('3. PostgreSQL restarted under load', () => {
  const infra = useChaosInfra();

  it('answers 503 meanwhile, acknowledges only what it committed, retries make no duplicate', async () => {
    const tips = chaosTips(240, 2000);
    const stack = await infra.stack('pgrestart');
    await stack.start();
    const load = new TipLoad(await operators(stack));
    const pg = infra.pg!;

    let flows = true;
    const faults: string[] = [];
    const chaos = (async () => {
      // A fast shutdown (clients cut off, open transactions rolled back) and a kill -9 of the
      // server and its backends (crash recovery), each down for a couple of seconds.
      const plan: [number, boolean, string][] = [
        [0.3, false, 'fast restart'],
        [0.65, true, 'kill -9 + start'],
      ];
      for (const [at, kill, label] of plan) {
        while (flows && load.acked.size < tips * at) await sleep(50);
        if (!flows) return;
        stack.fault();
        await pg.restart({ kill, downMs: 2000 });
        faults.push(label);
      }
    })();
    const t0 = Date.now();
    await load.submit(tips, 'pg', { perSecond: tips >= 1000 ? undefined : 20 });
    const loadEnd = Date.now();
    flows = false;
    await chaos;

    const result = await settleAndCheck(
      stack,
      load,
      {
        scenario: '3. PostgreSQL restarted under load',
        notes: `faults: ${faults.join(', ')}; answers ${JSON.stringify(load.statuses)}; ${stack.restarts} process restarts; load ${((loadEnd - t0) / 1000).toFixed(1)} s`,
      },
      0, // recovery runs from the last fault
    );
    expect(faults.length).toBe(2);
    // The API said 503 while the database was away, and never 500.
    expect(load.statuses['503'] ?? 0).toBeGreaterThan(0);
    expect(load.count500).toBe(0);
    expect(result.settledAt).not.toBeNull();
    expect(result.check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
  });
});
