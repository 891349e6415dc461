import { Logger } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { failpoints } from '@app/config';
import { JobOf, parseJob, QueueName, StageQueue } from '@app/contracts';
import { DeadLetterRecorder, describeError } from './dead-letter.recorder';

export type StageOutcome = 'done' | 'skipped';

/**
 * Shared shape of a stage consumer: validate the payload, call one service method, and turn a
 * job that has used its last attempt into a dead-letter record.
 */
export abstract class StageProcessor<Q extends QueueName = StageQueue> extends WorkerHost {
  protected abstract readonly queue: Q;
  protected abstract readonly logger: Logger;

  constructor(private readonly deadLetters: DeadLetterRecorder) {
    super();
  }

  protected abstract handle(payload: JobOf<Q>): Promise<StageOutcome>;

  /** Narrows the untrusted job data to the queue's payload; throwing makes it a dead letter at once. */
  protected parse(data: unknown): JobOf<Q> {
    return parseJob(this.queue, data);
  }

  /** The tip a job is about, for dead letters and logs (none for case jobs). */
  protected tipIdOf(payload: JobOf<Q>): string | null {
    return (payload as { tipId?: string }).tipId ?? null;
  }

  async process(job: Job): Promise<StageOutcome> {
    let payload: JobOf<Q>;
    try {
      payload = this.parse(job.data);
    } catch (err) {
      await this.deadLetter(job, null, err, true);
      throw new UnrecoverableError((err as Error).message);
    }
    const tipId = this.tipIdOf(payload);
    try {
      // Fault injection only (never in production): stall past the job lock, or throw.
      failpoints().hit(`${this.queue}.beforeHandle`, tipId ?? undefined);
      const outcome = await this.handle(payload);
      this.logger.debug({ msg: `${this.queue} ${outcome}`, jobId: job.id, tipId });
      return outcome;
    } catch (err) {
      const final =
        err instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.warn({
        msg: `${this.queue} failed`,
        jobId: job.id,
        tipId,
        attempt: job.attemptsMade + 1,
        final,
        error: describeError(err),
      });
      if (final) await this.deadLetter(job, tipId, err, false);
      throw err;
    }
  }

  private async deadLetter(job: Job, tipId: string | null, err: unknown, poison: boolean) {
    try {
      await this.deadLetters.record(
        this.queue,
        String(job.id),
        tipId,
        err,
        poison ? 1 : job.attemptsMade + 1,
      );
    } catch (recordErr) {
      this.logger.error({
        msg: 'could not record dead letter',
        jobId: job.id,
        error: (recordErr as Error).name,
      });
    }
  }

  /** Concurrency comes from configuration, which decorators cannot read. */
  protected setConcurrency(concurrency: number): void {
    this.worker.concurrency = concurrency;
  }
}
