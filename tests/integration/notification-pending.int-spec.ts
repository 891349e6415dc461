import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { jobOf, QueueName } from '@app/contracts';
import { SqlBatch } from '@app/database';
import { DispatchRepository, relayStatements } from '@app/dispatch';
import { testDatabase, TestDatabase } from '@app/testing';

/**
 * A notifications job is pending from its outbox row's transaction until it runs or is
 * dead-lettered; the reconciler reads those pending longer than the stuck time and out of the
 * outbox, and marks each as waiting from then on (real PostgreSQL).
 */
describe('pending notification jobs', () => {
  let env: TestDatabase;
  let ds: DataSource;
  const dispatch = new DispatchRepository();

  beforeAll(async () => {
    env = await testDatabase('notification_pending');
    ds = env.ds;
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  const write = async (...jobs: ReturnType<typeof jobOf>[]) => {
    const batch = new SqlBatch();
    for (const j of jobs) dispatch.addJobsTo(batch, [j]);
    await batch.run(ds.manager);
  };
  const notice = () => jobOf(QueueName.Notifications, 'urgent_lead', randomUUID(), randomUUID());
  const pendingIds = async () =>
    (
      await ds.query<{ job_id: string }[]>(
        `SELECT job_id FROM notification_jobs_pending ORDER BY job_id`,
      )
    ).map((r) => r.job_id);

  it('keeps only notifications jobs as pending, with their outbox rows', async () => {
    const a = notice();
    const stage = jobOf(QueueName.Triage, randomUUID());
    await write(a, stage);
    expect(await pendingIds()).toEqual([a.id]);
    const [row] = await ds.query<{ payload: unknown }[]>(
      `SELECT payload FROM notification_jobs_pending WHERE job_id = $1`,
      [a.id],
    );
    expect(row.payload).toEqual(a.data);
    await ds.query(`DELETE FROM outbox`);
    await ds.query(`DELETE FROM notification_jobs_pending`);
  });

  it('answers those pending past the stuck time, out of the outbox and not dead-lettered, once a stuck time', async () => {
    const [old, inOutbox, dead, fresh] = [notice(), notice(), notice(), notice()];
    await write(old, inOutbox, dead, fresh);
    // All but inOutbox were relayed; all but fresh were written a minute ago.
    await ds.query(`DELETE FROM outbox WHERE job_id <> $1`, [inOutbox.id]);
    await ds.query(
      `UPDATE notification_jobs_pending SET waiting_since = now() - interval '1 minute'
       WHERE job_id <> $1`,
      [fresh.id],
    );
    await ds.query(
      `INSERT INTO dead_letters (queue, job_id, error, attempts) VALUES ($1, $2, 'x', 5)`,
      [QueueName.Notifications, dead.id],
    );
    expect(await dispatch.unrunNotifications(ds, 30, 100)).toEqual([
      { job_id: old.id, payload: old.data },
    ]);
    // Marked as waiting from now: not answered again before another stuck time.
    expect(await dispatch.unrunNotifications(ds, 30, 100)).toEqual([]);
    await ds.query(`DELETE FROM outbox`);
    await ds.query(`DELETE FROM notification_jobs_pending`);
  });

  it('is no longer pending once dead-lettered, by the worker or by the relay', async () => {
    const [byWorker, byRelay] = [notice(), notice()];
    await write(byWorker, byRelay);
    await dispatch.recordDeadLetter(ds, {
      queue: QueueName.Notifications,
      jobId: byWorker.id,
      tipId: null,
      error: 'failed for good',
      attempts: 5,
    });
    expect(await pendingIds()).toEqual([byRelay.id]);
    // A stage's dead letter of the same id touches no pending notification.
    await dispatch.recordDeadLetter(ds, {
      queue: QueueName.Triage,
      jobId: byRelay.id,
      tipId: null,
      error: 'failed for good',
      attempts: 5,
    });
    expect(await pendingIds()).toEqual([byRelay.id]);
    // The relay's own connection, as it writes the dead letters of outbox rows that are no job.
    const pool = new Pool({ connectionString: env.databaseUrl, max: 1 });
    const client = await pool.connect();
    try {
      await relayStatements.deadLetter(client, [
        { queue: QueueName.Notifications, jobId: byRelay.id, error: 'no job' },
      ]);
    } finally {
      client.release();
      await pool.end();
    }
    expect(await pendingIds()).toEqual([]);
  });
});
