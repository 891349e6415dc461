import { Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EntityManager, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { jobOf, NotificationJob, QueueJob, QueueName, StageQueue } from '@app/contracts';
import { SqlBatch } from '@app/database';
import { describeError } from './dead-letter.recorder';
import { DispatchRepository } from './dispatch.repository';

/** Channel the relay LISTENs on. */
export const OUTBOX_CHANNEL = 'tiptrace_outbox';

const WAKE_FLAG = 'outboxWake';
/** After a wake-up, how long the commits that follow share the next NOTIFY. */
const WAKE_DELAY_MS = 5;

/**
 * Wakes the relays after a transaction that wrote outbox rows has committed.
 *
 * NOTIFY is deliberately not sent inside the writing transaction: PostgreSQL serialises the
 * commits of all notifying transactions behind one lock held across the WAL flush, which capped
 * the whole pipeline at a few hundred commits a second (pgbench here: 5,210 tps for INSERT +
 * COMMIT, 599 tps with a NOTIFY in the same transaction). Sent afterwards, in its own statement
 * with no writes, it needs no flush; the commits of a few milliseconds share one NOTIFY. If the
 * process dies between COMMIT and NOTIFY, the relay's poll picks the rows up within a second.
 */
class OutboxWake implements EntitySubscriberInterface {
  private readonly logger = new Logger('OutboxWake');
  private timer: NodeJS.Timeout | null = null;
  private again = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatch: DispatchRepository,
  ) {}

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const data = event.queryRunner.data as Record<string, unknown>;
    if (!data[WAKE_FLAG]) return;
    delete data[WAKE_FLAG];
    this.wake();
  }

  /**
   * The first commit after a quiet spell wakes the relays at once; the commits of the next few
   * milliseconds share one NOTIFY sent when that spell ends, not one per commit.
   */
  wake(): void {
    if (this.timer) {
      this.again = true;
      return;
    }
    this.notify();
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    }, WAKE_DELAY_MS);
    // A process stopping does not wait for it: the relay's poll covers a wake-up not sent.
    this.timer.unref();
  }

  private notify(): void {
    if (!this.dataSource.isInitialized) return;
    this.dispatch.notify(this.dataSource, OUTBOX_CHANNEL).catch((err: unknown) => {
      // The relay polls as well; a lost wake-up only delays, never loses.
      this.logger.debug({ msg: 'outbox wake-up not sent', error: describeError(err) });
    });
  }
}

const wakes = new WeakMap<DataSource, OutboxWake>();

/** One wake-up subscriber per DataSource, however many modules provide an OutboxWriter. */
function registerWake(dataSource: DataSource, dispatch: DispatchRepository): void {
  if (wakes.has(dataSource)) return;
  const wake = new OutboxWake(dataSource, dispatch);
  wakes.set(dataSource, wake);
  dataSource.subscribers.push(wake);
}

/**
 * Writes "run this stage next" into the same transaction as the change that calls for it, so
 * the intent is committed exactly when the change is.
 */
@Injectable()
export class OutboxWriter {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly dispatch: DispatchRepository = new DispatchRepository(),
  ) {
    registerWake(dataSource, dispatch);
  }

  async enqueueStage(manager: EntityManager, queue: StageQueue, tipIds: string[]): Promise<void> {
    const batch = new SqlBatch();
    this.enqueueStageTo(batch, queue, tipIds);
    await batch.run(manager);
    this.wakeAfterCommit(manager);
  }

  /**
   * Adds the outbox rows to `batch`, written with the change that calls for them; `when` (SQL)
   * writes them only if it holds. The caller calls `committed()` once the batch has committed.
   */
  enqueueStageTo(batch: SqlBatch, queue: StageQueue, tipIds: string[], when?: string): void {
    this.enqueueTo(
      batch,
      tipIds.map((tipId) => jobOf(queue, tipId)),
      when,
    );
  }

  /** Adds the rows of `jobs` (made by `jobOf`, of one queue or of several) to `batch`. */
  enqueueTo<Q extends QueueName>(
    batch: SqlBatch,
    jobs: readonly QueueJob<Q>[],
    when?: string,
  ): void {
    if (jobs.length === 0) return;
    this.dispatch.addJobsTo(batch, jobs, when);
  }

  /**
   * Wakes the relays after outbox rows were committed outside a TypeORM transaction (a single
   * statement in autocommit); inside one, the commit subscriber does it.
   */
  committed(): void {
    wakes.get(this.dataSource)?.wake();
  }

  /**
   * Asks for the case's outcome to be projected onto its tips. The job id names the case event,
   * so each change is one job, and a re-sent one is the same job.
   */
  async enqueueOutcome(manager: EntityManager, caseId: string, caseEventId: string): Promise<void> {
    const batch = new SqlBatch();
    this.enqueueTo(batch, [jobOf(QueueName.Outcomes, caseId, caseEventId)]);
    await batch.run(manager);
    this.wakeAfterCommit(manager);
  }

  /**
   * Adds a notification job to `batch`, written with the change it tells about (`when`, SQL:
   * only if it holds). Its job id names the event, so a job sent twice is the same job. The
   * caller wakes the relays (`wakeAfterCommit`) or leaves it to the relay's poll.
   */
  notifyTo(batch: SqlBatch, job: NotificationJob, when?: string): void {
    this.enqueueTo(batch, [jobOf(QueueName.Notifications, job.type, job.entityId, job.ref)], when);
  }

  /** A notification job in the transaction of `manager`; the relays wake after its commit. */
  async notify(manager: EntityManager, job: NotificationJob): Promise<void> {
    const batch = new SqlBatch();
    this.notifyTo(batch, job);
    await batch.run(manager);
    this.wakeAfterCommit(manager);
  }

  /** Wakes the relays once the transaction of `manager` commits (rows added through a batch). */
  wakeAfterCommit(manager: EntityManager): void {
    const runner = manager.queryRunner;
    if (runner) (runner.data as Record<string, unknown>)[WAKE_FLAG] = true;
  }
}
