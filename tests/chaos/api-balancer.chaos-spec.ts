import { chaosTips } from '@app/testing';
import { PrivateHaproxy, sleep, userWithRole } from '@tools/stack';
import { settleAndCheck, TipLoad, useChaosInfra } from './harness';

// Fault scenarios run real processes for minutes; the default jest timeout is far too short.
jest.setTimeout(15 * 60_000);

describe('12. two API replicas behind HAProxy, one killed -9 mid-request', () => {
  let haproxy: PrivateHaproxy | null = null;
  const infra = useChaosInfra(async () => haproxy?.destroy());

  it('the balancer sends the retries to the live replica; nothing lost or doubled', async () => {
    const tips = chaosTips(240, 2000);
    const stack = await infra.stack('apibalancer');
    await stack.start({ apis: 2 });
    haproxy = await PrivateHaproxy.start([
      {
        name: 'api',
        mode: 'http',
        check: '/health',
        balance: 'roundrobin',
        servers: stack.apiPorts.map((port, i) => ({ name: `api${i + 1}`, port })),
      },
    ]);
    const base = `http://127.0.0.1:${haproxy.port(0)}`;
    // Every client knows the one address; none knows that there are two APIs.
    const clients = await Promise.all([1, 2, 3, 4].map(() => userWithRole(base, 'operator')));
    const load = new TipLoad(clients);

    let flows = true;
    let kills = 0;
    const chaos = (async () => {
      for (const at of [0.3, 0.6]) {
        while (flows && load.acked.size < tips * at) await sleep(20);
        if (!flows) return;
        // Under load with 8 tips in flight, a replica always has requests open: kill it now.
        const api = stack.pick(['api']);
        if (!api) continue;
        stack.kill9(api);
        kills++;
      }
    })();
    const t0 = Date.now();
    await load.submit(tips, 'lb', { concurrency: 8 });
    const loadEnd = Date.now();
    flows = false;
    await chaos;

    const status = (s: string) => load.statuses[s] ?? 0;
    const result = await settleAndCheck(
      stack,
      load,
      {
        scenario: '12. two API replicas behind HAProxy, one killed -9',
        notes: () =>
          `${kills} kills -9 of an API replica at 30 % and 60 % of the load; 4 clients on the balancer's one address; ` +
          `answers ${JSON.stringify(load.statuses)}; ${stack.restarts} process restarts; load ${((loadEnd - t0) / 1000).toFixed(1)} s`,
      },
      0, // recovery runs from the last kill
    );
    expect(kills).toBe(2);
    // A request cut by the kill is answered 502 by the balancer (retried with its key by the
    // client), or sent again by the balancer itself; no other 5xx.
    expect(load.count500 - status('502')).toBe(0);
    expect(result.settledAt).not.toBeNull();
    expect(result.check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
  });
});
