import { chaosTips } from '@app/testing';
import { userWithRole } from '@tools/stack';
import { operators, settleAndCheck, TipLoad, workLeads, useChaosInfra } from './harness';

// Fault scenarios run real processes for minutes; the default jest timeout is far too short.
jest.setTimeout(15 * 60_000);

describe('6. two replicas of every worker and of the API', () => {
  const infra = useChaosInfra();

  it('spreads load over both APIs and doubles nothing', async () => {
    const tips = chaosTips(240, 2000);
    const stack = await infra.stack('replicas');
    await stack.start({ apis: 2, replicas: 2 });
    const load = new TipLoad(await operators(stack));
    // One investigator per API, claiming and linking at the same time.
    const investigators = await Promise.all(
      stack.baseUrls.map((base) => userWithRole(base, 'investigator')),
    );
    let loading = true;
    const work = Promise.all(
      investigators.map((inv) =>
        workLeads(inv, Math.max(5, Math.round(tips / 60)), () => !loading),
      ),
    );
    const t0 = Date.now();
    // Every 10th tip is sent to both APIs at the same moment with its key.
    await load.submit(tips, 'replicas', { raceEvery: 10 });
    const loadEnd = Date.now();
    loading = false;
    const worked = await work;
    const result = await settleAndCheck(
      stack,
      load,
      {
        scenario: '6. two replicas of every worker and of the API',
        notes:
          `2 APIs, 2 × each worker; ${Math.ceil(tips / 10)} keys sent to both APIs at once; ` +
          `${worked.reduce((a, w) => a + w.cases, 0)} cases, ${worked.reduce((a, w) => a + w.arrests, 0)} arrests; ` +
          `answers ${JSON.stringify(load.statuses)}; load ${((loadEnd - t0) / 1000).toFixed(1)} s; recovery = last tip to settled`,
      },
      loadEnd,
    );
    expect(stack.apiPorts).toHaveLength(2);
    expect(result.settledAt).not.toBeNull();
    expect(result.check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
    expect(load.count500).toBe(0);
  });
});
