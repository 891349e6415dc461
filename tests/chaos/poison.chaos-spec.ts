import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { chaosTips, waitUntilSettled } from '@app/testing';
import { waitFor } from '@tools/stack';
import { operators, settleAndCheck, TipLoad, useChaosInfra } from './harness';

// Fault scenarios run real processes for minutes; the default jest timeout is far too short.
jest.setTimeout(15 * 60_000);

const ATTEMPTS = 3;

/** Payloads that are not a job at all: dead-lettered at once. */
const MALFORMED: unknown[] = [
  null,
  'triage me',
  { v: 2, tipId: '6f1c1a52-8a0e-4b52-9a37-7b7c3e2f1d10' },
  { v: 1, tipId: 'not-a-uuid' },
  { v: 1, tipId: "'; DROP TABLE tips; --" },
  { v: 1, caseId: 42 },
  { v: 1, tipId: { $ne: null } },
  { deep: JSON.parse('['.repeat(200) + ']'.repeat(200)) as unknown },
  { v: 1, tipId: 'x'.repeat(20_000) },
];

describe('5. poison jobs mixed into normal load', () => {
  let closeQueues: () => Promise<unknown> = () => Promise.resolve();
  const infra = useChaosInfra(() => closeQueues());

  it('dead-letters them after their attempts while normal tips all settle', async () => {
    const tips = chaosTips(150, 1000);
    // Well-formed jobs for tips whose ids start with "deadbeef" throw on every attempt.
    const stack = await infra.stack('poison', {
      JOB_ATTEMPTS: String(ATTEMPTS),
      TIPTRACE_FAILPOINTS: ['triage', 'linkage']
        .map((q) => `${q}.beforeHandle:throw@deadbeef`)
        .join(','),
    });
    await stack.start();
    const load = new TipLoad(await operators(stack));

    // Normal load alone, then the same again with poison mixed in: tips a second to settle.
    const clean = Date.now();
    await load.submit(tips, 'clean');
    const cleanSettled = await waitUntilSettled(stack.pool, load.ids, 120_000);
    const cleanRate = tips / (((cleanSettled.settledAt ?? Date.now()) - clean) / 1000);

    const connection = new Redis(stack.redisUrl, { maxRetriesPerRequest: null });
    const queues = ['triage', 'linkage', 'outcomes'].map(
      (name) => new Queue(name, { connection, prefix: stack.queuePrefix }),
    );
    closeQueues = async () => {
      await Promise.all(queues.map((q) => q.close()));
      await connection.quit();
    };
    const opts = { attempts: ATTEMPTS, backoff: { type: 'exponential', delay: 100 } };
    const poison: { queue: string; jobId: string; throws: boolean }[] = [];
    const inject = async (round: number) => {
      for (const [qi, q] of queues.entries()) {
        for (const [i, data] of MALFORMED.entries()) {
          const jobId = `poison-${round}-${qi}-${i}`;
          await q.add(q.name, data, { ...opts, jobId });
          poison.push({ queue: q.name, jobId, throws: false });
        }
        if (q.name !== 'outcomes') {
          const tipId = `deadbeef-${String(round).padStart(4, '0')}-4000-8000-${String(qi).padStart(12, '0')}`;
          const jobId = `${q.name}.${tipId}`;
          await q.add(q.name, { v: 1, tipId }, { ...opts, jobId });
          poison.push({ queue: q.name, jobId, throws: true });
        }
      }
    };
    const before = load.ids.length;
    const mixed = Date.now();
    let injecting = true;
    const injector = (async () => {
      for (let round = 0; injecting && round < 20; round++) {
        await inject(round);
        await new Promise((r) => setTimeout(r, 300));
      }
    })();
    await load.submit(tips, 'mixed');
    injecting = false;
    await injector;
    const mixedIds = load.ids.slice(before);
    const mixedSettled = await waitUntilSettled(stack.pool, mixedIds, 120_000);
    const mixedRate = tips / (((mixedSettled.settledAt ?? Date.now()) - mixed) / 1000);

    // Every poison job ends as a dead letter: malformed ones at once, throwing ones after their
    // attempts.
    const letters = await waitFor(
      async () => {
        const r = await stack.pool.query(`SELECT queue, job_id, attempts FROM dead_letters`);
        return r.rows.length >= poison.length ? r.rows : undefined;
      },
      60_000,
      async () =>
        `${poison.length} dead letters, have ${(await stack.pool.query('SELECT count(*) FROM dead_letters')).rows[0].count}`,
    );
    const byJob = new Map(letters.map((l) => [`${l.queue}/${l.job_id}`, l.attempts as number]));
    for (const p of poison) {
      expect(byJob.get(`${p.queue}/${p.jobId}`)).toBe(p.throws ? ATTEMPTS : 1);
    }
    expect(letters).toHaveLength(poison.length);

    const result = await settleAndCheck(
      stack,
      load,
      {
        scenario: '5. poison jobs mixed into normal load',
        notes:
          `${poison.length} poison jobs dead-lettered (${poison.filter((p) => p.throws).length} after ${ATTEMPTS} attempts); ` +
          `tips settled per second: ${cleanRate.toFixed(1)} without poison, ${mixedRate.toFixed(1)} with`,
      },
      mixed,
    );
    process.stdout.write(
      `5: throughput ${cleanRate.toFixed(1)} tips/s clean, ${mixedRate.toFixed(1)} tips/s with ${poison.length} poison jobs\n`,
    );
    expect(result.settledAt).not.toBeNull();
    expect(result.check).toMatchObject({ lost: 0, duplicated: 0, unexpected: 0 });
    expect(load.count500).toBe(0);
  });
});
