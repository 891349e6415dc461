import { chaosTips } from '@app/testing';
import { sleep, userWithRole } from '@tools/stack';
import { operators, settleAndCheck, TipLoad, WORKERS, workLeads, useChaosInfra } from './harness';

// Fault scenarios run real processes for minutes; the default jest timeout is far too short.
jest.setTimeout(15 * 60_000);

describe('1. kill -9 a random worker every 2 s', () => {
  const infra = useChaosInfra();

  it('loses, doubles and invents nothing while workers die under load', async () => {
    const tips = chaosTips(240, 5000);
    const stack = await infra.stack('kill9');
    await stack.start();
    const load = new TipLoad(await operators(stack));
    const inv = await userWithRole(stack.baseUrls[0], 'investigator');

    let loading = true;
    const t0 = Date.now();
    const kills: string[] = [];
    const killer = (async () => {
      while (loading) {
        await sleep(2000);
        if (!loading) break;
        const victim = stack.pick(WORKERS);
        if (victim) {
          kills.push(victim.app);
          stack.kill9(victim);
        }
      }
    })();
    // Investigators link a few leads meanwhile, so the outcome worker has work to lose.
    const work = workLeads(inv, Math.max(5, Math.round(tips / 100)), () => !loading);
    // Paced in CI so that several kills land while tips flow; the full size runs flat out.
    await load.submit(tips, 'kill9', { perSecond: tips >= 1000 ? undefined : 20 });
    const loadEnd = Date.now();
    loading = false;
    await killer;
    const worked = await work;

    const result = await settleAndCheck(
      stack,
      load,
      {
        scenario: '1. kill -9 a random worker every 2 s',
        notes:
          `${kills.length} kills (${WORKERS.map((w) => `${w} ${kills.filter((k) => k === w).length}`).join(', ')}); ` +
          `${worked.cases} cases, ${worked.arrests} arrests; load ${((loadEnd - t0) / 1000).toFixed(1)} s`,
      },
      0, // recovery runs from the last fault
      tips >= 1000 ? 600_000 : 120_000,
    );
    expect(kills.length).toBeGreaterThan(0);
    expect(result.settledAt).not.toBeNull();
    expect(result.check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
    expect(load.count500).toBe(0);
  });
});
