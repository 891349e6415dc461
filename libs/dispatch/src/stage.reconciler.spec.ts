import type { DataSource } from 'typeorm';
import { pipelineConfig, queueConfig } from '@app/config';
import { QueueName } from '@app/contracts';
import { JobProducers } from './job.producer';
import type { QueueRegistry } from './queue-registry';
import { StageReconciler } from './stage.reconciler';

describe('StageReconciler', () => {
  /** `states`: stuck tips' jobs by tip id; `pending`: notifications jobs and their states. */
  function setup(
    states: Record<string, string>,
    pending: { job_id: string; payload: unknown; state?: string }[] = [],
  ) {
    const stuck = Object.keys(states).map((id, i) => ({ id, at: `2026-01-01 00:00:${i}+00` }));
    const query = jest.fn((sql: string, _params?: unknown[]) =>
      Promise.resolve(
        sql.includes(`t.stage = 'received'`)
          ? stuck
          : // An UPDATE … RETURNING, as TypeORM answers it: the rows and their count.
            sql.includes('UPDATE notification_jobs_pending')
            ? [pending.map(({ job_id, payload }) => ({ job_id, payload })), pending.length]
            : [],
      ),
    );
    const dataSource = { query } as unknown as DataSource;
    const queue = {
      // A job's hash as BullMQ keeps it: finishedOn once completed or failed for good.
      getJob: jest.fn((jobId: string) => {
        const state = pending.find((p) => p.job_id === jobId)?.state ?? states[jobId.slice(7)];
        if (!state) return Promise.resolve(undefined);
        const finished = state === 'completed' || state === 'failed';
        return Promise.resolve({ id: jobId, finishedOn: finished ? Date.now() : undefined });
      }),
      remove: jest.fn(() => Promise.resolve(1)),
      addBulk: jest.fn(() => Promise.resolve([])),
    };
    const registry = { get: jest.fn(() => queue) } as unknown as QueueRegistry;
    const reconciler = new StageReconciler(
      dataSource,
      registry,
      new JobProducers(registry, queueConfig.load({})),
      pipelineConfig.load({}),
    );
    return { reconciler, queue, registry, query, stuck };
  }

  it('removes a stuck tip’s finished job (completed, or failed with no dead letter) before re-adding it, and leaves a waiting one', async () => {
    const states = {
      '11111111-1111-4111-8111-111111111111': 'failed',
      '22222222-2222-4222-8222-222222222222': 'completed',
      '33333333-3333-4333-8333-333333333333': 'active',
      '44444444-4444-4444-8444-444444444444': '',
      '55555555-5555-4555-8555-555555555555': 'waiting',
    };
    const { reconciler, queue, registry } = setup(states);
    await expect(reconciler.reconcileOnce()).resolves.toBe(3);
    expect(registry.get).toHaveBeenCalledWith(QueueName.Triage);
    expect(queue.remove.mock.calls).toEqual([
      ['triage.11111111-1111-4111-8111-111111111111'],
      ['triage.22222222-2222-4222-8222-222222222222'],
    ]);
    expect(queue.addBulk).toHaveBeenCalledTimes(1);
    const jobs = (queue.addBulk.mock.calls[0] as unknown[][])[0] as {
      data: unknown;
      opts: { jobId: string };
    }[];
    const sent = Object.keys(states).filter(
      (id) => !['active', 'waiting'].includes(states[id as keyof typeof states]),
    );
    expect(jobs.map((j) => j.opts.jobId)).toEqual(sent.map((id) => `triage.${id}`));
    expect(jobs.map((j) => j.data)).toEqual(sent.map((tipId) => ({ v: 1, tipId })));
  });

  it('goes through a backlog of stuck tips a page a pass, then starts again', async () => {
    // 1,000 stuck tips (a full page) whose jobs all wait behind a backlog: nothing is sent.
    const states: Record<string, string> = {};
    for (let i = 0; i < 1000; i++)
      states[`${String(i).padStart(8, '0')}-1111-4111-8111-111111111111`] = 'waiting';
    const { reconciler, queue, query, stuck } = setup(states);
    const receivedCalls = () =>
      query.mock.calls.filter(([sql]) => sql.includes(`t.stage = 'received'`));
    await expect(reconciler.reconcileOnce()).resolves.toBe(0);
    expect(queue.addBulk).not.toHaveBeenCalled();
    expect(receivedCalls()[0][1]?.slice(3)).toEqual([null, null]);
    // The next pass reads on after the last tip of the full page…
    await reconciler.reconcileOnce();
    const last = Object.keys(states)[999];
    expect(receivedCalls()[1][1]?.slice(3)).toEqual(['2026-01-01 00:00:999+00', last]);
    // …and after a short page, the pass after it starts from the longest waiting again.
    stuck.length = 10;
    await reconciler.reconcileOnce();
    await reconciler.reconcileOnce();
    expect(receivedCalls()[3][1]?.slice(3)).toEqual([null, null]);
  });

  it('sends again the pending notifications jobs Redis no longer has, or finished without their delivery', async () => {
    const lead = '66666666-6666-4666-8666-666666666666';
    const job = (ref: string, state: string) => ({
      job_id: `notifications.urgent_lead.${lead}.${ref}`,
      payload: { v: 1, type: 'urgent_lead', entityId: lead, ref },
      state,
    });
    const lost = job('1', '');
    const completed = job('2', 'completed');
    const unreadable = { job_id: 'notifications.x', payload: { v: 9 } };
    const { reconciler, queue, registry } = setup({}, [
      lost,
      completed,
      job('3', 'waiting'),
      job('4', 'active'),
      unreadable,
    ]);
    await expect(reconciler.reconcileOnce()).resolves.toBe(2);
    expect(registry.get).toHaveBeenCalledWith(QueueName.Notifications);
    expect(queue.remove.mock.calls).toEqual([[completed.job_id]]);
    const jobs = (queue.addBulk.mock.calls[0] as unknown[][])[0] as {
      data: unknown;
      opts: { jobId: string };
    }[];
    expect(jobs.map((j) => [j.opts.jobId, j.data])).toEqual([
      [lost.job_id, lost.payload],
      [completed.job_id, completed.payload],
    ]);
  });
});
