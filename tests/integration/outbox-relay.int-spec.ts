import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { jobOf, QueueName } from '@app/contracts';
import { SqlBatch } from '@app/database';
import { OutboxRelay, OutboxWriter } from '@app/dispatch';
import { testDatabase, TestDatabase, testQueues, TestQueues } from '@app/testing';

const TIP = '11111111-1111-4111-8111-111111111111';
const CASE = '22222222-2222-4222-8222-222222222222';

/**
 * The one way onto a queue, end to end on real PostgreSQL and Redis: jobs written by the outbox
 * writer reach their queues under their ids with their payloads, and a row that is no job of a
 * known queue is kept as a dead letter instead of blocking the rows behind it.
 */
describe('outbox relay: rows to jobs', () => {
  let env: TestDatabase;
  let ds: DataSource;
  let queues: Map<QueueName, Queue>;
  let t: TestQueues | undefined;
  let relay: OutboxRelay;

  beforeAll(async () => {
    env = await testDatabase('outbox_relay');
    ds = env.ds;
    t = testQueues(env);
    ({ queues, relay } = t);
  });

  afterAll(async () => {
    await t?.close();
    await env?.cleanup();
  });

  it('sends written jobs under their ids and dead-letters a row that is no job', async () => {
    const writer = new OutboxWriter(ds);
    const batch = new SqlBatch();
    writer.enqueueStageTo(batch, QueueName.Triage, [TIP]);
    writer.enqueueTo(batch, [jobOf(QueueName.Outcomes, CASE, '7')]);
    await batch.run(ds.manager);
    await ds.query(
      `INSERT INTO outbox (queue, job_id, payload) VALUES ($1, $2, $3), ($4, $5, $6)`,
      [
        'nowhere',
        'nowhere.1',
        JSON.stringify({ v: 1, tipId: TIP }),
        QueueName.Linkage,
        `linkage.${CASE}`,
        JSON.stringify({ v: 1, caseId: CASE }),
      ],
    );

    await expect(relay.drainOnce()).resolves.toBe(4);

    const triage = await queues.get(QueueName.Triage)!.getJob(`triage.${TIP}`);
    expect(triage?.data).toEqual({ v: 1, tipId: TIP });
    const outcome = await queues.get(QueueName.Outcomes)!.getJob(`outcomes.${CASE}.7`);
    expect(outcome?.data).toEqual({ v: 1, caseId: CASE });
    expect(await queues.get(QueueName.Linkage)!.getJobCounts('waiting')).toEqual({ waiting: 0 });
    const dead: { queue: string; job_id: string; error: string }[] = await ds.query(
      `SELECT queue, job_id, error FROM dead_letters ORDER BY job_id`,
    );
    expect(dead).toEqual([
      { queue: 'linkage', job_id: `linkage.${CASE}`, error: 'Error: invalid stage job payload' },
      { queue: 'nowhere', job_id: 'nowhere.1', error: 'Error: unknown queue nowhere' },
    ]);
    expect(await ds.query(`SELECT count(*)::int AS n FROM outbox`)).toEqual([{ n: 0 }]);
  });
});
