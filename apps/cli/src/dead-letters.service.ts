import { userInfo } from 'node:os';
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
import {
  DispatchRepository,
  jobsRedisWillNotRun,
  OutboxWriter,
  QueueRegistry,
} from '@app/dispatch';
import type { DeadLetterPageRow, DeadLetterRow } from '@app/dispatch';

/** Which dead letters to send again: of one queue, of some job ids, or all (both null). */
export interface DeadLetterSelection {
  queue: QueueName | null;
  jobIds: readonly string[] | null;
}

export interface RedriveResult {
  /** Jobs written back to the outbox, by queue. */
  redriven: Partial<Record<QueueName, number>>;
  /** Dead letters whose id names no job (kept for a person: `discard` takes them away). */
  unreadable: string[];
  /** Jobs still running or waiting in Redis, whose dead letters are kept: try again later. */
  busy: string[];
  /** Job ids named that have no dead letter (mistyped, or already sent again). */
  notFound: string[];
}

/** How many dead letters a redrive reads and sends at a time, page after page. */
export const REDRIVE_PAGE = 500;

/**
 * A person's way back for jobs that ran out of attempts (`dead_letters`, which the reconciler
 * leaves alone). Once the cause is mended, each selected job is sent again exactly as the
 * pipeline would send it: its dead letter is deleted and its job written to the outbox in one
 * transaction (a notifications job kept as pending again, as `DispatchRepository.addJobsTo` does),
 * with an audit entry per job; the relay takes it from there. The job's finished copy in Redis is
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

  /**
   * Sends the selected dead letters' jobs again, a page at a time through all of them (letters
   * kept as unreadable or busy do not hold back those behind them).
   */
  async redrive(
    selection: DeadLetterSelection,
    actor: string,
    page = REDRIVE_PAGE,
  ): Promise<RedriveResult> {
    const result: RedriveResult = { redriven: {}, unreadable: [], busy: [], notFound: [] };
    const found = new Set<string>();
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const letters: DeadLetterPageRow[] = await this.dispatch.deadLetters(
        this.dataSource,
        selection.queue,
        selection.jobIds,
        page,
        after,
      );
      for (const l of letters) found.add(l.job_id);
      await this.redrivePage(letters, actor, result);
      if (letters.length < page) break;
      after = letters[letters.length - 1];
    }
    result.notFound = (selection.jobIds ?? []).filter((id) => !found.has(id));
    return result;
  }

  /**
   * Deletes the dead letters of `jobIds` without sending them again (one that names no job, or
   * a job no longer wanted), each with an audit entry that keeps its queue, id and error.
   */
  async discard(
    jobIds: readonly string[],
    actor: string,
  ): Promise<{ discarded: number; notFound: string[] }> {
    return this.dataSource.transaction(async (m) => {
      const letters = await this.dispatch.deadLetters(m, null, jobIds, jobIds.length);
      if (letters.length > 0) {
        await this.dispatch.clearDeadLetters(
          m,
          letters.map((l) => ({ queue: l.queue, id: l.job_id })),
        );
        await this.audit.append(
          m,
          letters.map((l) => ({
            actor,
            role: null,
            action: 'job.discarded',
            entityType: 'system' as const,
            entityId: null,
            outcome: 'success' as const,
            detail: { queue: l.queue, jobId: l.job_id, error: l.error, ...whoRan() },
          })),
        );
      }
      const found = new Set(letters.map((l) => l.job_id));
      return { discarded: letters.length, notFound: jobIds.filter((id) => !found.has(id)) };
    });
  }

  private async redrivePage(
    letters: DeadLetterPageRow[],
    actor: string,
    result: RedriveResult,
  ): Promise<void> {
    const readable: QueueJob<QueueName>[] = [];
    for (const letter of letters) {
      const job = jobFromId(letter.job_id);
      if (!job || (job.queue as string) !== letter.queue) result.unreadable.push(letter.job_id);
      else readable.push(job);
    }
    // A finished copy in Redis is removed first: BullMQ would take an add of the same id as a
    // job already there, and never run it. A copy waiting or running is left, with its letter.
    const jobs: QueueJob<QueueName>[] = [];
    for (const queue of new Set(readable.map((j) => j.queue))) {
      const mine = readable.filter((j) => j.queue === queue);
      const { free } = await jobsRedisWillNotRun(this.queues.get(queue), mine);
      jobs.push(...free);
      const freed = new Set(free);
      result.busy.push(...mine.filter((j) => !freed.has(j)).map((j) => j.id));
    }
    if (jobs.length === 0) return;
    await this.dataSource.transaction(async (m) => {
      const cleared = new Set(
        (await this.dispatch.clearDeadLetters(m, jobs)).map((r) => `${r.queue}|${r.job_id}`),
      );
      const mine = jobs.filter((j) => cleared.has(`${j.queue}|${j.id}`));
      if (mine.length === 0) return;
      const batch = new SqlBatch();
      this.outbox.enqueueTo(batch, mine);
      this.audit.appendTo(
        batch,
        mine.map((job) => redrivenEntry(job, actor)),
      );
      await batch.run(m);
      this.outbox.wakeAfterCommit(m);
      for (const job of mine) result.redriven[job.queue] = (result.redriven[job.queue] ?? 0) + 1;
    });
  }
}

/** The account on the machine that ran the command, for the audit trail (when it can be told). */
function whoRan(): { osUser?: string } {
  try {
    return { osUser: userInfo().username };
  } catch {
    return {};
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
    detail: { queue: job.queue, jobId: job.id, ...whoRan() },
  };
}
