import { chaosTips } from '@app/testing';
import { operators, settleAndCheck, TipLoad, useChaosInfra } from './harness';

// Fault scenarios run real processes for minutes; the default jest timeout is far too short.
jest.setTimeout(15 * 60_000);

/** Lines of the processes' JSON logs with this message. */
function logLines(logs: string, msg: string): Record<string, unknown>[] {
  return logs
    .split('\n')
    .filter((l) => l.includes(`"msg":"${msg}"`))
    .map((l) => {
      try {
        return JSON.parse(l.slice(l.indexOf('{'))) as Record<string, unknown>;
      } catch {
        return {};
      }
    });
}

describe('faults at failpoints', () => {
  const infra = useChaosInfra();

  it('4. the relay crashing between sending and marking sent: redelivery is harmless', async () => {
    const tips = chaosTips(240, 2000);
    // A quarter of the relay's passes die after addBulk and before the outbox rows are deleted.
    const stack = await infra.stack('relaycrash', {
      TIPTRACE_FAILPOINTS: 'relay.afterSend:crash%25',
    });
    await stack.start();
    const load = new TipLoad(await operators(stack));
    const t0 = Date.now();
    await load.submit(tips, 'relay', { perSecond: tips >= 1000 ? undefined : 20 });
    const loadEnd = Date.now();
    const crashes = () => stack.logs().split('"msg":"failpoint crash"').length - 1;
    // Every crash is a fault (the supervisor notes it); recovery counts from the last one.
    const result = await settleAndCheck(
      stack,
      load,
      {
        scenario: '4. outbox relay crashes between send and mark-sent',
        notes: () =>
          `relay crashed ${crashes()} times after sending, before marking sent; load ${((loadEnd - t0) / 1000).toFixed(1)} s`,
      },
      0, // from the last crash
    );
    expect(crashes()).toBeGreaterThan(0);
    expect(result.settledAt).not.toBeNull();
    expect(result.check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
    expect(load.count500).toBe(0);
  });

  it('7. a job whose lock expires while its first worker still runs: effects happen once', async () => {
    const tips = chaosTips(120, 1000);
    // Locks of 1 s; each worker process stalls its first two jobs per stage for 3 s with the event
    // loop blocked, so no lock renewal runs and the other replica takes the job over meanwhile.
    const stack = await infra.stack('lockexpiry', {
      JOB_LOCK_MS: '1000',
      LOG_LEVEL: 'debug',
      TIPTRACE_FAILPOINTS: 'triage.beforeHandle:block-3000*2,linkage.beforeHandle:block-3000*2',
    });
    await stack.start({ replicas: 2 });
    const load = new TipLoad(await operators(stack));
    const t0 = Date.now();
    await load.submit(tips, 'lock', { perSecond: tips >= 1000 ? undefined : 20 });
    const loadEnd = Date.now();
    const count = () => {
      const logs = stack.logs();
      // A job that both made its change ("done") and found it made ("skipped") ran twice.
      const outcomes = new Map<string, Set<string>>();
      for (const queue of ['triage', 'linkage']) {
        for (const outcome of ['done', 'skipped']) {
          for (const l of logLines(logs, `${queue} ${outcome}`)) {
            const id = String(l.jobId);
            outcomes.set(id, (outcomes.get(id) ?? new Set()).add(outcome));
          }
        }
      }
      return {
        blocked: logLines(logs, 'failpoint block').length,
        ranTwice: [...outcomes.values()].filter((s) => s.size === 2).length,
      };
    };
    const result = await settleAndCheck(
      stack,
      load,
      {
        scenario: '7. job lock expires while its first worker runs',
        notes: () =>
          `${count().blocked} stalls of 3 s past a 1 s lock, ${count().ranTwice} jobs ran twice; load ${((loadEnd - t0) / 1000).toFixed(1)} s`,
      },
      loadEnd,
    );
    const { blocked, ranTwice } = count();
    expect(blocked).toBeGreaterThan(0);
    expect(ranTwice).toBeGreaterThan(0);
    expect(result.settledAt).not.toBeNull();
    expect(result.check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
  });
});
