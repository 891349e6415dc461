import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PipelineConfig, pipelineConfig } from '@app/config';
import { jobOf, parseJob, QueueJob, QueueName, StageQueue } from '@app/contracts';
import { DispatchRepository } from './dispatch.repository';
import { jobsRedisWillNotRun } from './finished-jobs';
import type { StuckCursor } from './dispatch.repository';
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
  /** Where the last pass over each stage's stuck tips stopped (null: from the start). */
  private readonly after: Record<'received' | 'triaged', StuckCursor | null> = {
    received: null,
    triaged: null,
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly producers: JobProducers,
    @Inject(pipelineConfig.KEY) private readonly pipeline: PipelineConfig,
    @Optional() private readonly dispatch: DispatchRepository = new DispatchRepository(),
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
      const rows = await this.dispatch.stuckTips(
        this.dataSource,
        stage,
        queue,
        this.pipeline.stuckAfterMs / 1000,
        BATCH,
        this.after[stage],
      );
      // A full page: the next pass goes on after it; a short one: the next starts again.
      this.after[stage] = rows.length === BATCH ? rows[rows.length - 1] : null;
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) continue;
      const jobs = await this.jobsToSend(
        queue,
        ids.map((id) => jobOf(queue, id)),
      );
      if (jobs.length > 0) await this.producers.of(queue).send(jobs);
      total += jobs.length;
    }
    if (total > 0) this.logger.log({ msg: 'reconciler re-drove stuck tips', count: total });
    return total + (await this.reconcileOutcomes()) + (await this.reconcileNotifications());
  }

  /**
   * A notifications job lost with Redis (wiped after the relay sent it, before the outcome worker
   * ran it) would leave its people unaware. Each such job is kept as pending, from its outbox
   * row's transaction until it runs (`notification_jobs_pending`); one pending STUCK_AFTER_MS
   * after it was written (or last sent again), out of the outbox and no longer in Redis, is sent
   * again. A second delivery notifies nobody twice (the unique source key).
   */
  private async reconcileNotifications(): Promise<number> {
    const queue = QueueName.Notifications;
    const rows = await this.dispatch.unrunNotifications(
      this.dataSource,
      this.pipeline.stuckAfterMs / 1000,
      BATCH,
    );
    const sent: QueueJob<typeof queue>[] = [];
    let unreadable = 0;
    for (const r of rows) {
      // Written with its outbox row: a payload that is no job is dead-lettered by the relay,
      // and is not sent again here.
      try {
        sent.push({ queue, id: r.job_id, data: parseJob(queue, r.payload) });
      } catch {
        unreadable++;
      }
    }
    if (unreadable > 0)
      this.logger.warn({
        msg: 'reconciler left pending notifications that are no job',
        unreadable,
      });
    const jobs = await this.jobsToSend(queue, sent);
    if (jobs.length === 0) return 0;
    await this.producers.of(queue).send(jobs);
    this.logger.log({ msg: 'reconciler re-sent notifications', count: jobs.length });
    return jobs.length;
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
    const rows = await this.dispatch.staleOutcomes(
      this.dataSource,
      this.pipeline.stuckAfterMs / 1000,
      RECENT_CASE_EVENTS,
      BATCH,
    );
    if (rows.length === 0) return 0;
    const jobs = await this.jobsToSend(
      queue,
      rows.map((r) => jobOf(queue, r.case_id, r.last_event)),
    );
    if (jobs.length === 0) return 0;
    await this.producers.of(queue).send(jobs);
    this.logger.log({ msg: 'reconciler re-sent case outcomes', count: jobs.length });
    return jobs.length;
  }

  /**
   * Of `jobs`, those to send again (jobsRedisWillNotRun): lost, or finished in Redis and removed
   * first. A finished job of a stuck tip: its last attempt failed while PostgreSQL was away (so no
   * dead letter could be written), or the database lost the stage's commit (restored backup,
   * failover to a lagging replica). A job waiting, delayed or running is left alone: the tip is
   * only behind a backlog.
   */
  private async jobsToSend<J extends { id: string }>(queue: QueueName, jobs: J[]): Promise<J[]> {
    const { free, removed } = await jobsRedisWillNotRun(this.queues.get(queue), jobs);
    if (removed > 0)
      this.logger.log({
        msg: 'reconciler cleared finished jobs of stuck tips',
        queue,
        count: removed,
      });
    return free;
  }
}
