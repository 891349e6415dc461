import { randomUUID } from 'node:crypto';
import { Job, Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { jobOf, QueueJob, QueueName } from '@app/contracts';
import { SqlBatch } from '@app/database';
import { DeadLetterRecorder, DispatchRepository, OutboxRelay, OutboxWriter } from '@app/dispatch';
import { DeadLettersService } from '../../apps/cli/src/dead-letters.service';
import { testDatabase, TestDatabase, testQueues, TestQueues } from '@app/testing';

/**
 * Jobs that ran out of attempts are sent again by a person once the cause is mended, on real
 * PostgreSQL and Redis: the dead letter goes, the job is written to the outbox (a notification
 * pending again), the failed copy in Redis is removed so the relay's add is not taken for a job
 * already there, and each job sent again leaves an audit entry.
 */
describe('dead letters sent again', () => {
  let env: TestDatabase;
  let ds: DataSource;
  let queues: Map<QueueName, Queue>;
  let t: TestQueues | undefined;
  let relay: OutboxRelay;
  let service: DeadLettersService;
  let recorder: DeadLetterRecorder;

  beforeAll(async () => {
    env = await testDatabase('dead_letters');
    ds = env.ds;
    t = testQueues(env);
    ({ queues, relay } = t);
    service = new DeadLettersService(ds, t.registry, new OutboxWriter(ds), new AuditWriter(ds));
    recorder = new DeadLetterRecorder(ds);
  });

  afterEach(async () => {
    await ds.query(`DELETE FROM dead_letters`);
    await ds.query(`DELETE FROM outbox`);
    await ds.query(`DELETE FROM notification_jobs_pending`);
    for (const q of queues.values()) await q.obliterate({ force: true });
  });

  afterAll(async () => {
    await t?.close();
    await env?.cleanup();
  });

  /** Runs `job` through a worker that always throws, once, until it has failed for good. */
  async function failInRedis(job: QueueJob<QueueName>): Promise<void> {
    const q = queues.get(job.queue)!;
    await q.add(job.queue, job.data, { jobId: job.id, attempts: 1 });
    const failed = new Promise<void>((resolve) => {
      const worker: Worker = new Worker(
        job.queue,
        () => Promise.reject(new Error('cause not yet mended')),
        { connection: { url: env.redisUrl }, prefix: env.queuePrefix, autorun: true },
      );
      worker.on('failed', (j?: Job) => {
        if (j?.id === job.id) void worker.close().then(() => resolve());
      });
    });
    await failed;
    expect(await q.getJobState(job.id)).toBe('failed');
    await recorder.record(job.queue, job.id, null, new Error('cause not yet mended'), 1);
  }

  const letters = async () =>
    (await ds.query<{ job_id: string }[]>(`SELECT job_id FROM dead_letters ORDER BY job_id`)).map(
      (r) => r.job_id,
    );
  const outboxIds = async () =>
    (await ds.query<{ job_id: string }[]>(`SELECT job_id FROM outbox ORDER BY job_id`)).map(
      (r) => r.job_id,
    );

  it('sends a failed stage job and a failed notification again, through the relay', async () => {
    const stage = jobOf(QueueName.Triage, randomUUID());
    const notice = jobOf(QueueName.Notifications, 'urgent_lead', randomUUID(), randomUUID());
    // The notification was written as the pipeline writes it (pending until it runs) and relayed.
    const written = new SqlBatch();
    new DispatchRepository().addJobsTo(written, [notice]);
    await written.run(ds.manager);
    await ds.query(`DELETE FROM outbox`);
    expect(await ds.query(`SELECT 1 FROM notification_jobs_pending`)).toHaveLength(1);
    await failInRedis(stage);
    await failInRedis(notice);
    // The dead letter settled the notification: nothing was left pending for the reconciler.
    expect(await ds.query(`SELECT 1 FROM notification_jobs_pending`)).toHaveLength(0);

    const result = await service.redrive({ queue: null, jobIds: [stage.id, notice.id] }, 'cli');

    expect(result).toEqual({
      redriven: { [QueueName.Triage]: 1, [QueueName.Notifications]: 1 },
      unreadable: [],
      busy: [],
      notFound: [],
    });
    expect(await letters()).toEqual([]);
    expect(await outboxIds()).toEqual([notice.id, stage.id].sort());
    // The notification is pending again: should Redis lose it, the reconciler sends it.
    const pending = await ds.query<{ job_id: string; payload: unknown }[]>(
      `SELECT job_id, payload FROM notification_jobs_pending`,
    );
    expect(pending).toEqual([{ job_id: notice.id, payload: notice.data }]);
    // Each job sent again is audited on what it is about.
    const audit = await ds.query<{ actor: string; entity_type: string; entity_id: string }[]>(
      `SELECT actor, entity_type, entity_id FROM audit_log WHERE action = 'job.redriven'
       ORDER BY entity_type`,
    );
    expect(audit).toEqual([
      { actor: 'cli', entity_type: 'lead', entity_id: notice.data.entityId },
      { actor: 'cli', entity_type: 'tip', entity_id: stage.data.tipId },
    ]);

    // The failed copies are gone, so the relay's adds are new jobs that will run.
    await expect(relay.drainOnce()).resolves.toBe(2);
    for (const job of [stage, notice]) {
      const q = queues.get(job.queue)!;
      expect(await q.getJobState(job.id)).toBe('waiting');
      expect((await q.getJob(job.id))?.data).toEqual(job.data);
    }
  });

  it('keeps the dead letters of a job still waiting in Redis and of an id that is no job', async () => {
    const waiting = jobOf(QueueName.Linkage, randomUUID());
    await queues.get(waiting.queue)!.add(waiting.queue, waiting.data, { jobId: waiting.id });
    await recorder.record(waiting.queue, waiting.id, null, new Error('x'), 3);
    await recorder.record('triage', 'triage.[object Object]', null, new Error('no job'), 0);
    const before = await ds.query(`SELECT count(*)::int AS n FROM audit_log`);

    const result = await service.redrive({ queue: null, jobIds: null }, 'cli');

    expect(result).toEqual({
      redriven: {},
      unreadable: ['triage.[object Object]'],
      busy: [waiting.id],
      notFound: [],
    });
    expect(await letters()).toEqual(['linkage.' + waiting.data.tipId, 'triage.[object Object]']);
    expect(await outboxIds()).toEqual([]);
    expect(await ds.query(`SELECT count(*)::int AS n FROM audit_log`)).toEqual(before);
  });

  it('sends again only the queue asked for, and lists dead letters oldest first', async () => {
    const outcome = jobOf(QueueName.Outcomes, randomUUID(), '17');
    const stage = jobOf(QueueName.Linkage, randomUUID());
    await recorder.record(outcome.queue, outcome.id, null, new Error('first'), 3);
    await recorder.record(stage.queue, stage.id, stage.data.tipId, new Error('second'), 3);

    const listed = await service.list({ queue: null, jobIds: null });
    expect(listed.map((r) => [r.job_id, r.error, r.tip_id])).toEqual([
      [outcome.id, 'Error: first', null],
      [stage.id, 'Error: second', stage.data.tipId],
    ]);

    const result = await service.redrive({ queue: QueueName.Outcomes, jobIds: null }, 'cli');
    expect(result.redriven).toEqual({ [QueueName.Outcomes]: 1 });
    expect(await letters()).toEqual([stage.id]);
    expect(await outboxIds()).toEqual([outcome.id]);
    const [entry] = await ds.query<{ entity_type: string; entity_id: string }[]>(
      `SELECT entity_type, entity_id FROM audit_log
       WHERE action = 'job.redriven' AND detail->>'jobId' = $1`,
      [outcome.id],
    );
    expect(entry).toEqual({ entity_type: 'case', entity_id: outcome.data.caseId });
  });

  it('goes through every page: letters kept do not hold back those behind them', async () => {
    // Three letters that name no job, the oldest, then one that does; pages of two.
    for (const n of [1, 2, 3]) await recorder.record('triage', `triage.junk-${n}`, null, 'x', 0);
    const stage = jobOf(QueueName.Triage, randomUUID());
    await recorder.record(stage.queue, stage.id, null, new Error('y'), 3);

    const result = await service.redrive({ queue: null, jobIds: null }, 'cli', 2);

    expect(result).toEqual({
      redriven: { [QueueName.Triage]: 1 },
      unreadable: ['triage.junk-1', 'triage.junk-2', 'triage.junk-3'],
      busy: [],
      notFound: [],
    });
    expect(await outboxIds()).toEqual([stage.id]);
  });

  it('answers the job ids named that have no dead letter', async () => {
    const stage = jobOf(QueueName.Triage, randomUUID());
    await recorder.record(stage.queue, stage.id, null, new Error('y'), 3);
    const typo = `triage.${randomUUID()}`;

    const result = await service.redrive({ queue: null, jobIds: [stage.id, typo] }, 'cli');

    expect(result.redriven).toEqual({ [QueueName.Triage]: 1 });
    expect(result.notFound).toEqual([typo]);
  });

  it('discards the letters named, without sending them, and audits each with its error', async () => {
    await recorder.record('triage', 'triage.junk-9', null, new Error('no job'), 0);
    const kept = jobOf(QueueName.Linkage, randomUUID());
    await recorder.record(kept.queue, kept.id, null, new Error('y'), 3);

    const result = await service.discard(['triage.junk-9', 'triage.gone'], 'cli');

    expect(result).toEqual({ discarded: 1, notFound: ['triage.gone'] });
    expect(await letters()).toEqual([kept.id]);
    expect(await outboxIds()).toEqual([]);
    const [entry] = await ds.query<{ entity_type: string; detail: Record<string, unknown> }[]>(
      `SELECT entity_type, detail FROM audit_log WHERE action = 'job.discarded'`,
    );
    expect(entry.entity_type).toBe('system');
    expect(entry.detail).toMatchObject({
      queue: 'triage',
      jobId: 'triage.junk-9',
      error: 'Error: no job',
    });
  });
});
