import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QueueName } from '@app/contracts';
import { deadLetterView, PipelineHealthRepository, QueueRegistry } from '@app/dispatch';
import type { DeadLetterView } from '@app/dispatch';

export interface QueueHealth {
  name: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  /** Jobs BullMQ holds as failed (after their last attempt). */
  failed: number;
  deadLetters: number;
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
    private readonly pipeline: PipelineHealthRepository,
  ) {}

  async health(): Promise<QueueHealthView> {
    const [dead, outbox, recent, counts] = await Promise.all([
      this.pipeline.deadLettersByQueue(this.dataSource),
      this.pipeline.outboxBacklog(this.dataSource),
      this.pipeline.recentDeadLetters(this.dataSource),
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
        pending: Number(outbox?.n ?? 0),
        oldestSeconds: outbox?.oldest == null ? null : Math.round(Number(outbox.oldest)),
      },
      recentDeadLetters: recent.map(deadLetterView),
    };
  }
}
