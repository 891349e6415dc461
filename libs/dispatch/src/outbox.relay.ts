import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, failpoints } from '@app/config';
import { QueueName } from '@app/contracts';
import { describeError } from './dead-letter.recorder';
import { stageJobOptions } from './job-options';
import { OUTBOX_CHANNEL } from './outbox.writer';
import { QueueRegistry } from './queue-registry';

const BATCH = 500;
const POLL_MS = 1000;

interface OutboxRow {
  id: string;
  queue: string;
  job_id: string;
  payload: Record<string, unknown>;
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
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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

  /** Sends one batch; returns how many rows it moved. */
  async drainOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // This transaction only deletes rows whose jobs are already on their queues. Losing its
      // commit in a crash re-sends the same job ids, which BullMQ and the idempotent stages
      // absorb, so it need not wait for the WAL flush (one of the ~6 commits a tip costs).
      await manager.query(`SET LOCAL synchronous_commit = off`);
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, queue, job_id, payload FROM outbox
         WHERE available_at <= now() ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      if (rows.length === 0) return 0;
      const byQueue = new Map<string, OutboxRow[]>();
      for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
      const opts = stageJobOptions(this.config.queue);
      for (const [queue, items] of byQueue) {
        await this.queues.get(queue as QueueName).addBulk(
          items.map((row) => ({
            name: queue,
            data: row.payload,
            opts: { ...opts, jobId: row.job_id },
          })),
        );
      }
      // Fault injection only (never in production): dies between sending and marking sent.
      failpoints().hit('relay.afterSend');
      await manager.query(`DELETE FROM outbox WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
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
      if (moved < BATCH && !this.pending) await this.sleep(POLL_MS);
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
      const client = new Client({ connectionString: this.config.database.url });
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
