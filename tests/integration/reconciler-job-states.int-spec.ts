import { Job, Queue, QueueEvents, Worker } from 'bullmq';
import Redis from 'ioredis';
import { newTestEnv, TestEnv } from '@app/testing';

/**
 * The reconciler tells a finished job (to remove and send again) from one still to run (to leave)
 * by the job's hash alone: BullMQ sets `finishedOn` when a job completes or fails for good, and
 * not while it waits, runs or waits for a retry. Real Redis and BullMQ, each state made for real;
 * a job never added reads as absent.
 */
describe('reconciler: what a job hash says of its state', () => {
  let env: TestEnv;
  let connection: Redis;
  let queue: Queue;
  let events: QueueEvents;

  beforeAll(async () => {
    env = newTestEnv('reconciler_jobs');
    connection = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
    queue = new Queue('states', { connection, prefix: env.queuePrefix });
    events = new QueueEvents('states', {
      connection: { url: env.redisUrl },
      prefix: env.queuePrefix,
    });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events?.close();
    await queue?.close();
    connection?.disconnect();
    await env?.cleanup();
  });

  it('has finishedOn for completed and failed-for-good jobs only', async () => {
    const add = (id: string, attempts: number) =>
      queue.add('j', { id }, { jobId: id, attempts, backoff: { type: 'fixed', delay: 60_000 } });
    const done = await add('done', 1);
    const dead = await add('dead', 1);
    const retrying = await add('retrying', 3);
    const worker = new Worker(
      'states',
      (job: Job) => {
        if (job.id === 'done') return Promise.resolve('ok');
        return Promise.reject(new Error('fails'));
      },
      { connection: { url: env.redisUrl }, prefix: env.queuePrefix, autorun: true },
    );
    await Promise.all([
      done.waitUntilFinished(events),
      dead.waitUntilFinished(events).catch(() => undefined),
      new Promise<void>((resolve) => worker.on('failed', (j) => j?.id === 'retrying' && resolve())),
    ]);
    await worker.close();
    await add('waiting', 1);

    const hash = async (id: string) => (await queue.getJob(id))?.finishedOn;
    expect(await queue.getJobState('retrying')).toBe('delayed');
    expect(await hash('done')).toEqual(expect.any(Number));
    expect(await hash('dead')).toEqual(expect.any(Number));
    expect(await hash('retrying')).toBeFalsy();
    expect(await hash('waiting')).toBeFalsy();
    expect(await queue.getJob('never-added')).toBeUndefined();
    expect(await queue.getJobState('done')).toBe('completed');
    expect(await queue.getJobState('dead')).toBe('failed');
    expect(retrying.id).toBe('retrying');
  });
});
