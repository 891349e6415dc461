import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QueueName } from '@app/contracts';
import { QueueRegistry } from '@app/dispatch';

export interface QueueHealth {
  name: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  /** Jobs BullMQ holds as failed (after their last attempt). */
  failed: number;
  deadLetters: number;
}

export interface DeadLetterView {
  queue: string;
  jobId: string;
  tipId: string | null;
  error: string;
  attempts: number;
  failedAt: string;
}

export interface QueueHealthView {
  at: string;
  queues: QueueHealth[];
  outbox: { pending: number; oldestSeconds: number | null };
  /** The most recent dead letters (error name and message only, never a payload). */
  recentDeadLetters: DeadLetterView[];
}

/** The same figures as /metrics (queue depth, dead letters, outbox), as JSON for the console. */
@Injectable()
export class QueueHealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
  ) {}

  async health(): Promise<QueueHealthView> {
    const [dead, outbox, recent, counts] = await Promise.all([
      this.dataSource.query<{ queue: string; n: string }[]>(
        `SELECT queue, count(*) AS n FROM dead_letters GROUP BY queue`,
      ),
      this.dataSource.query<{ n: string; oldest: number | null }[]>(
        `SELECT count(*) AS n, extract(epoch FROM now() - min(available_at))::float8 AS oldest FROM outbox`,
      ),
      this.dataSource.query<
        {
          queue: string;
          job_id: string;
          tip_id: string | null;
          error: string;
          attempts: number;
          failed_at: Date;
        }[]
      >(
        `SELECT queue, job_id, tip_id, error, attempts, failed_at FROM dead_letters
          ORDER BY failed_at DESC, id DESC LIMIT 20`,
      ),
      Promise.all(
        Object.values(QueueName).map(async (name) => ({
          name,
          counts: await this.queues
            .get(name)
            .getJobCounts('waiting', 'active', 'delayed', 'failed'),
        })),
      ),
    ]);
    const deadBy = new Map(dead.map((r) => [r.queue, Number(r.n)]));
    return {
      at: new Date().toISOString(),
      queues: counts.map(({ name, counts: c }) => ({
        name,
        waiting: c.waiting ?? 0,
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        failed: c.failed ?? 0,
        deadLetters: deadBy.get(name) ?? 0,
      })),
      outbox: {
        pending: Number(outbox[0]?.n ?? 0),
        oldestSeconds: outbox[0]?.oldest == null ? null : Math.round(Number(outbox[0].oldest)),
      },
      recentDeadLetters: recent.map((r) => ({
        queue: r.queue,
        jobId: r.job_id,
        tipId: r.tip_id,
        error: r.error,
        attempts: r.attempts,
        failedAt: new Date(r.failed_at).toISOString(),
      })),
    };
  }
}
