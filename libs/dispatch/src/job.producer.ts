import { Inject, Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { QueueConfig, queueConfig } from '@app/config';
import { QueueJob, QueueName } from '@app/contracts';
import { stageJobOptions } from './job-options';
import { QueueRegistry } from './queue-registry';

/**
 * Puts jobs onto one queue with the stage defaults (attempts, backoff, trimming) and each job's
 * deterministic id. It takes only `QueueJob<Q>`, made by `jobOf` (or read back from the outbox
 * through `parseJob`), so a payload of another queue does not compile.
 */
export class QueueProducer<Q extends QueueName> {
  constructor(
    readonly queue: Q,
    private readonly target: Pick<Queue, 'addBulk'>,
    private readonly defaults: JobsOptions,
  ) {}

  async send(jobs: readonly QueueJob<Q>[]): Promise<void> {
    if (jobs.length === 0) return;
    for (const job of jobs) {
      if (job.queue !== this.queue) throw new Error(`a ${job.queue} job sent to ${this.queue}`);
    }
    await this.target.addBulk(
      jobs.map((job) => ({
        name: this.queue,
        data: job.data,
        opts: { ...this.defaults, jobId: job.id },
      })),
    );
  }
}

/** The one producer of each queue this process registered. */
@Injectable()
export class JobProducers {
  private readonly producers = new Map<QueueName, QueueProducer<QueueName>>();

  constructor(
    private readonly queues: QueueRegistry,
    @Inject(queueConfig.KEY) private readonly queueSettings: QueueConfig,
  ) {}

  of<Q extends QueueName>(queue: Q): QueueProducer<Q> {
    let producer = this.producers.get(queue);
    if (!producer) {
      producer = new QueueProducer(
        queue,
        this.queues.get(queue),
        stageJobOptions(this.queueSettings),
      );
      this.producers.set(queue, producer);
    }
    return producer as QueueProducer<Q>;
  }
}
