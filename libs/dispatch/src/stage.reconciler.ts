import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PipelineConfig, pipelineConfig, QueueConfig, queueConfig } from '@app/config';
import { QueueName, stageJobId } from '@app/contracts';
import { PeriodicTask } from './periodic-task';
import { stageJobOptions } from './job-options';
import { QueueRegistry } from './queue-registry';

/** Which queue drives a tip on from each waiting stage. */
const NEXT_QUEUE: Record<'received' | 'triaged', QueueName> = {
  received: QueueName.Triage,
  triaged: QueueName.Linkage,
};
const BATCH = 1000;

/**
 * Drives on any tip that has sat in a waiting stage too long: its job was lost (Redis wiped or
 * restarted without persistence) or never sent. Re-adding uses the deterministic job id, so a job
 * still in Redis is not duplicated; dead-lettered tips are left for a person.
 */
@Injectable()
export class StageReconciler extends PeriodicTask {
  protected readonly logger = new Logger(StageReconciler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    @Inject(pipelineConfig.KEY) private readonly pipeline: PipelineConfig,
    @Inject(queueConfig.KEY) private readonly queueSettings: QueueConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.pipeline.reconcileIntervalMs;
  }

  protected tick(): Promise<unknown> {
    return this.reconcileOnce();
  }

  /** One pass; returns how many tips were re-driven. */
  async reconcileOnce(): Promise<number> {
    let total = 0;
    const opts = stageJobOptions(this.queueSettings);
    for (const stage of ['received', 'triaged'] as const) {
      const queue = NEXT_QUEUE[stage];
      const rows: { id: string }[] = await this.dataSource.query(
        `SELECT t.id FROM tips t
         WHERE t.stage = $1 AND t.stage_changed_at < now() - make_interval(secs => $2)
           AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.queue = $3 AND d.job_id = $4 || t.id::text)
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.queue = $3 AND o.job_id = $4 || t.id::text)
         ORDER BY t.stage_changed_at LIMIT $5`,
        [stage, this.pipeline.stuckAfterMs / 1000, queue, `${queue}.`, BATCH],
      );
      if (rows.length === 0) continue;
      await this.clearFinishedJobs(
        queue,
        rows.map((r) => stageJobId(queue, r.id)),
      );
      await this.queues.get(queue).addBulk(
        rows.map((r) => ({
          name: queue,
          data: { v: 1, tipId: r.id },
          opts: { ...opts, jobId: stageJobId(queue, r.id) },
        })),
      );
      total += rows.length;
    }
    if (total > 0) this.logger.log({ msg: 'reconciler re-drove stuck tips', count: total });
    return total;
  }

  /**
   * A stuck tip whose job is still in Redis as completed or failed would never move again: adding
   * the same job id is a no-op. That happens when the last attempt failed while PostgreSQL was
   * away (so no dead letter could be written), or when the database lost the stage's commit
   * (restored backup, failover to a lagging replica). Such a finished job is removed first, so the
   * re-drive takes effect; a job waiting, delayed or running is left alone.
   */
  private async clearFinishedJobs(queue: QueueName, jobIds: string[]): Promise<void> {
    const q = this.queues.get(queue);
    const states = await Promise.all(jobIds.map((id) => q.getJobState(id)));
    const finished = jobIds.filter((_, i) => states[i] === 'completed' || states[i] === 'failed');
    for (const id of finished) await q.remove(id);
    if (finished.length > 0) {
      this.logger.log({
        msg: 'reconciler cleared finished jobs of stuck tips',
        queue,
        count: finished.length,
      });
    }
  }
}
