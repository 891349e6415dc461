import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Client } from 'pg';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { DatabaseConfig, databaseConfig, failpoints } from '@app/config';
import { isQueueName, parseJob, QueueJob, QueueName } from '@app/contracts';
import { describeError } from './dead-letter.recorder';
import { OutboxRow, relayStatements } from './dispatch.repository';
import { JobProducers } from './job.producer';
import { OUTBOX_CHANNEL } from './outbox.writer';

const BATCH = 500;
const POLL_MS = 1000;
/** Under load, the pause between two passes that lets rows gather into one batch. */
const GATHER_MS = 10;
/** A pass that moved more rows than this means rows arrive faster than passes: gather. */
const BUSY_ROWS = 1;

/**
 * The rows as jobs of their queues, in order, each payload narrowed to its queue's type. A row
 * that is no job of a known queue (written by hand, or by a release that knew another queue)
 * cannot be sent; it is kept as a dead letter rather than block the rows behind it.
 */
export function readJobs(rows: readonly Omit<OutboxRow, 'id'>[]): {
  byQueue: Map<QueueName, QueueJob<QueueName>[]>;
  unreadable: { queue: string; jobId: string; error: unknown }[];
} {
  const byQueue = new Map<QueueName, QueueJob<QueueName>[]>();
  const unreadable: { queue: string; jobId: string; error: unknown }[] = [];
  for (const row of rows) {
    try {
      if (!isQueueName(row.queue)) throw new Error(`unknown queue ${row.queue.slice(0, 40)}`);
      const job = { queue: row.queue, id: row.job_id, data: parseJob(row.queue, row.payload) };
      byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), job]);
    } catch (error) {
      unreadable.push({ queue: row.queue, jobId: row.job_id, error });
    }
  }
  return { byQueue, unreadable };
}

/**
 * Moves committed outbox rows onto their BullMQ queues. Rows are locked with SKIP LOCKED, so any
 * number of relays can run; a relay that dies between sending and deleting only re-sends jobs
 * with the same deterministic ids, which BullMQ and the idempotent stages absorb.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener: Client | null = null;
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private pending = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producers: JobProducers,
    @Inject(databaseConfig.KEY) private readonly database: DatabaseConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  /**
   * Sends one batch; returns how many rows it moved. Two round trips to PostgreSQL: the batch is
   * taken (deleted, its rows locked until the commit) in the same message that opens the
   * transaction, and the commit follows the send. A relay that dies or fails before its commit
   * leaves the rows in place; they are sent again with the same job ids.
   */
  async drainOnce(): Promise<number> {
    const driver = this.dataSource.driver as PostgresDriver;
    const [client, release] = (await driver.obtainMasterConnection()) as [
      PoolClient,
      (err?: unknown) => void,
    ];
    let failure: unknown;
    // A checked-out connection that drops between queries (PostgreSQL restarting while the batch
    // is being sent to Redis) reports it as an 'error' event; the pool only listens on idle
    // connections, and an unheard 'error' would end the process. The next query then fails,
    // and the pass with it.
    const onError = (err: Error) => {
      failure ??= err;
    };
    client.on('error', onError);
    try {
      const rows = await relayStatements.begin(client, BATCH);
      if (rows.length > 0) {
        const { byQueue, unreadable } = readJobs(rows);
        for (const [queue, jobs] of byQueue) await this.producers.of(queue).send(jobs);
        if (unreadable.length > 0) await this.deadLetter(client, unreadable);
        // Fault injection only (never in production): dies between sending and marking sent.
        failpoints().hit('relay.afterSend');
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (err) {
      failure = err;
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.off('error', onError);
      // A connection that failed is discarded, not returned to the pool.
      release(failure);
    }
  }

  /** Rows that are no job: kept for a person, in the transaction that deletes them. */
  private async deadLetter(
    client: PoolClient,
    rows: { queue: string; jobId: string; error: unknown }[],
  ): Promise<void> {
    this.logger.error({ msg: 'outbox rows that are no job dead-lettered', count: rows.length });
    await relayStatements.deadLetter(
      client,
      rows.map((r) => ({ queue: r.queue, jobId: r.jobId, error: describeError(r.error) })),
    );
  }

  private async run(): Promise<void> {
    await this.listen();
    while (this.running) {
      let moved: number;
      try {
        moved = await this.drainOnce();
      } catch (err) {
        this.logger.warn({ msg: 'outbox relay pass failed', error: describeError(err) });
        await this.sleep(POLL_MS);
        continue;
      }
      if (moved < BATCH) {
        // Rows written while this pass ran: when busy (this pass moved several rows), gather a
        // few milliseconds more of them into the next batch (one pass per commit would cost a
        // pass per tip and stage); when not, go again at once, so a tip on a quiet system
        // waits for no timer. Otherwise wait for a wake-up or the poll.
        if (this.pending) {
          if (moved > BUSY_ROWS) await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
        } else await this.sleep(POLL_MS);
      }
      this.pending = false;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** LISTEN makes the relay react within milliseconds; polling covers a lost connection. */
  private async listen(): Promise<void> {
    try {
      const client = new Client({ connectionString: this.database.url });
      client.on('error', (err) => {
        this.logger.warn({ msg: 'outbox listener lost', error: describeError(err) });
        this.listener = null;
        setTimeout(() => void (this.running && !this.listener && this.listen()), POLL_MS);
      });
      client.on('notification', () => {
        this.pending = true;
        this.wake?.();
      });
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.listener = client;
    } catch (err) {
      this.logger.warn({ msg: 'outbox listener unavailable', error: describeError(err) });
    }
  }
}
