import type { DataSource } from 'typeorm';
import { pipelineConfig, queueConfig } from '@app/config';
import { QueueName } from '@app/contracts';
import { JobProducers } from './job.producer';
import type { QueueRegistry } from './queue-registry';
import { StageReconciler } from './stage.reconciler';

describe('StageReconciler', () => {
  function setup(states: Record<string, string>) {
    const stuck = Object.keys(states).map((id) => ({ id }));
    const dataSource = {
      query: jest.fn((sql: string) =>
        Promise.resolve(sql.includes(`t.stage = 'received'`) ? stuck : []),
      ),
    } as unknown as DataSource;
    const queue = {
      // A job's hash as BullMQ keeps it: finishedOn once completed or failed for good.
      getJob: jest.fn((jobId: string) => {
        const state = states[jobId.slice(7)];
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
    return { reconciler, queue, registry };
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
});
