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
      getJobState: jest.fn((jobId: string) => Promise.resolve(states[jobId.slice(7)] ?? 'unknown')),
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

  it('removes a stuck tip’s finished job (completed, or failed with no dead letter) before re-adding it', async () => {
    const states = {
      '11111111-1111-4111-8111-111111111111': 'failed',
      '22222222-2222-4222-8222-222222222222': 'completed',
      '33333333-3333-4333-8333-333333333333': 'active',
      '44444444-4444-4444-8444-444444444444': 'unknown',
    };
    const { reconciler, queue, registry } = setup(states);
    await expect(reconciler.reconcileOnce()).resolves.toBe(4);
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
    expect(jobs.map((j) => j.opts.jobId)).toEqual(Object.keys(states).map((id) => `triage.${id}`));
    expect(jobs.map((j) => j.data)).toEqual(Object.keys(states).map((tipId) => ({ v: 1, tipId })));
  });
});
