import { Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEntry, AuditWriter } from '@app/audit';
import {
  jobFromId,
  NOTIFICATION_ENTITY,
  NotificationJob,
  QueueJob,
  QueueName,
} from '@app/contracts';
import { SqlBatch } from '@app/database';
import { DispatchRepository, OutboxWriter, QueueRegistry } from '@app/dispatch';
import type { DeadLetterRow } from '@app/dispatch';

/** Which dead letters to send again: of one queue, of some job ids, or all (both null). */
export interface DeadLetterSelection {
  queue: QueueName | null;
  jobIds: readonly string[] | null;
}

export interface RedriveResult {
  /** Jobs written back to the outbox, by queue. */
  redriven: Partial<Record<QueueName, number>>;
  /** Dead letters whose id names no job (kept for a person, with their error). */
  unreadable: string[];
  /** Jobs still running or waiting in Redis, whose dead letters are kept: try again later. */
  busy: string[];
}

/** The most dead letters one redrive takes; a larger backlog is sent again run after run. */
const REDRIVE_MAX = 1000;

/**
 * A person's way back for jobs that ran out of attempts (`dead_letters`, which the reconciler
 * leaves alone). Once the cause is mended, each selected job is sent again exactly as the
 * pipeline would send it: its dead letter is deleted and its job written to the outbox in one
 * transaction (a notifications job kept as pending again, as `DispatchRepository.addJobsTo` does),
 * with an audit entry per job; the relay takes it from there. The job's failed copy in Redis is
 * removed first: BullMQ would take a job of the same id as already there, and never run it.
 *
 * Safe to run beside the stack and to run again: the stages are idempotent, a tip that moved on
 * meanwhile is skipped by its stage, and a notification is never given twice to one person.
 */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditWriter,
    @Optional() private readonly dispatch: DispatchRepository = new DispatchRepository(),
  ) {}

  list(selection: DeadLetterSelection, limit = 100): Promise<DeadLetterRow[]> {
    return this.dispatch.deadLetters(this.dataSource, selection.queue, selection.jobIds, limit);
  }

  async redrive(selection: DeadLetterSelection, actor: string): Promise<RedriveResult> {
    const letters = await this.list(selection, REDRIVE_MAX);
    const result: RedriveResult = { redriven: {}, unreadable: [], busy: [] };
    const jobs: QueueJob<QueueName>[] = [];
    for (const letter of letters) {
      const job = jobFromId(letter.job_id);
      if (!job || (job.queue as string) !== letter.queue) result.unreadable.push(letter.job_id);
      else if (await this.clearedInRedis(job)) jobs.push(job);
      else result.busy.push(job.id);
    }
    if (jobs.length === 0) return result;
    await this.dataSource.transaction(async (m) => {
      const cleared = new Set(
        (await this.dispatch.clearDeadLetters(m, jobs)).map((r) => `${r.queue}|${r.job_id}`),
      );
      const mine = jobs.filter((j) => cleared.has(`${j.queue}|${j.id}`));
      if (mine.length === 0) return;
      const batch = new SqlBatch();
      for (const queue of new Set(mine.map((j) => j.queue)))
        this.outbox.enqueueTo(
          batch,
          mine.filter((j) => j.queue === queue),
        );
      this.audit.appendTo(
        batch,
        mine.map((job) => redrivenEntry(job, actor)),
      );
      await batch.run(m);
      this.outbox.wakeAfterCommit(m);
      for (const job of mine) result.redriven[job.queue] = (result.redriven[job.queue] ?? 0) + 1;
    });
    return result;
  }

  /**
   * Removes the job's finished copy from Redis (failed for good, or completed); true when Redis
   * no longer holds it. A copy waiting, delayed or running is left, and so is its dead letter.
   */
  private async clearedInRedis(job: QueueJob<QueueName>): Promise<boolean> {
    const q = this.queues.get(job.queue);
    const held = await q.getJob(job.id);
    if (!held) return true;
    if (!held.finishedOn) return false;
    // 0 when it is locked by a worker that took it meanwhile: then it is no longer finished.
    return (await q.remove(job.id)) === 1;
  }
}

/** The audit entry of one job sent again, on the tip, case, lead or tip it names. */
function redrivenEntry(job: QueueJob<QueueName>, actor: string): AuditEntry {
  const data = job.data as { tipId?: string; caseId?: string };
  const [entityType, entityId] =
    job.queue === QueueName.Notifications
      ? [
          NOTIFICATION_ENTITY[(job.data as NotificationJob).type],
          (job.data as NotificationJob).entityId,
        ]
      : job.queue === QueueName.Outcomes
        ? ['case' as const, data.caseId!]
        : ['tip' as const, data.tipId!];
  return {
    actor,
    role: null,
    action: 'job.redriven',
    entityType,
    entityId,
    outcome: 'success',
    detail: { queue: job.queue, jobId: job.id },
  };
}
