import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PipelineConfig, pipelineConfig } from '@app/config';
import { jobIdSql, jobOf, QueueName, StageQueue } from '@app/contracts';
import { JobProducers } from './job.producer';
import { PeriodicTask } from './periodic-task';
import { QueueRegistry } from './queue-registry';

/** Which queue drives a tip on from each waiting stage. */
const NEXT_QUEUE: Record<'received' | 'triaged', StageQueue> = {
  received: QueueName.Triage,
  triaged: QueueName.Linkage,
};
const BATCH = 1000;
/** How many of the latest case events the outcome check looks at (read through the key). */
const RECENT_CASE_EVENTS = 5000;

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
    private readonly producers: JobProducers,
    @Inject(pipelineConfig.KEY) private readonly pipeline: PipelineConfig,
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
    for (const stage of ['received', 'triaged'] as const) {
      const queue = NEXT_QUEUE[stage];
      const job = jobIdSql(queue, 't.id');
      // The stage is written out so that every plan can use tips_waiting_idx (its predicate).
      const rows: { id: string }[] = await this.dataSource.query(
        `SELECT t.id FROM tips t
         WHERE t.stage = '${stage}' AND t.stage_changed_at < now() - make_interval(secs => $1)
           AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.queue = $2 AND d.job_id = ${job})
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.queue = $2 AND o.job_id = ${job})
         ORDER BY t.stage_changed_at LIMIT $3`,
        [this.pipeline.stuckAfterMs / 1000, queue, BATCH],
      );
      if (rows.length === 0) continue;
      const jobs = rows.map((r) => jobOf(queue, r.id));
      await this.clearFinishedJobs(
        queue,
        jobs.map((j) => j.id),
      );
      await this.producers.of(queue).send(jobs);
      total += rows.length;
    }
    if (total > 0) this.logger.log({ msg: 'reconciler re-drove stuck tips', count: total });
    return total + (await this.reconcileOutcomes());
  }

  /**
   * A case's outcome job lost with Redis (wiped after the relay sent it) would leave its tips on
   * the old outcome until the case changed again. Among the cases of the latest case events
   * (older than STUCK_AFTER_MS), those with a linked tip whose outcome is not the case's are sent
   * again, under the job id of their latest event (unless it waits in the outbox or was
   * dead-lettered). The projection is recomputed whole, so a second delivery changes nothing.
   */
  private async reconcileOutcomes(): Promise<number> {
    const queue = QueueName.Outcomes;
    const job = jobIdSql(queue, 'r.case_id', 'r.last_event');
    const rows: { case_id: string; last_event: string }[] = await this.dataSource.query(
      `WITH recent AS (
         SELECT case_id, max(id) AS last_event FROM case_events
         WHERE id > (SELECT COALESCE(max(id), 0) - $2 FROM case_events)
         GROUP BY case_id
         HAVING max(at) < now() - make_interval(secs => $1))
       SELECT r.case_id, r.last_event::text AS last_event
       FROM recent r JOIN cases c ON c.id = r.case_id
       WHERE EXISTS (
           SELECT 1 FROM leads l JOIN tips t ON t.lead_id = l.id
           WHERE l.case_id = c.id
             AND (t.case_id IS DISTINCT FROM c.id OR t.case_status IS DISTINCT FROM c.status
                  OR t.case_resolution IS DISTINCT FROM c.resolution
                  OR t.arrests <> (SELECT count(*) FROM arrests a WHERE a.case_id = c.id)))
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.queue = $3 AND o.job_id = ${job})
         AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.queue = $3 AND d.job_id = ${job})
       LIMIT $4`,
      [this.pipeline.stuckAfterMs / 1000, RECENT_CASE_EVENTS, queue, BATCH],
    );
    if (rows.length === 0) return 0;
    const jobs = rows.map((r) => jobOf(queue, r.case_id, r.last_event));
    await this.clearFinishedJobs(
      queue,
      jobs.map((j) => j.id),
    );
    await this.producers.of(queue).send(jobs);
    this.logger.log({ msg: 'reconciler re-sent case outcomes', count: rows.length });
    return rows.length;
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
