import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { QueueName, TIP_STAGES } from '@app/contracts';
import { PipelineHealthRepository, QueueRegistry } from '@app/dispatch';

/**
 * Prometheus gauges read at scrape time from the record (PostgreSQL) and the transport (Redis),
 * so they are right whichever replica of a worker did the work.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  constructor(
    private readonly dataSource: DataSource,
    private readonly queueRegistry: QueueRegistry,
    private readonly pipeline: PipelineHealthRepository,
  ) {
    const db = this.dataSource;
    const health = this.pipeline;
    const registry = this.registry;
    new Gauge({
      name: 'tiptrace_tips',
      help: 'Tips by current stage',
      labelNames: ['stage'],
      registers: [registry],
      async collect() {
        const rows = await health.tipsByStage(db);
        for (const s of TIP_STAGES) this.set({ stage: s }, 0);
        for (const r of rows) this.set({ stage: r.stage }, Number(r.n));
      },
    });
    new Gauge({
      name: 'tiptrace_dead_letters',
      help: 'Jobs that ran out of attempts, by queue',
      labelNames: ['queue'],
      registers: [registry],
      async collect() {
        const rows = await health.deadLettersByQueue(db);
        for (const q of Object.values(QueueName)) this.set({ queue: q }, 0);
        for (const r of rows) this.set({ queue: r.queue }, Number(r.n));
      },
    });
    new Gauge({
      name: 'tiptrace_outbox_pending',
      help: 'Committed jobs not yet moved onto a queue',
      registers: [registry],
      async collect() {
        this.set(await health.outboxPending(db));
      },
    });
    const queues = this.queueRegistry;
    new Gauge({
      name: 'tiptrace_queue_jobs',
      help: 'Jobs in each queue by state',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        for (const q of Object.values(QueueName)) {
          const counts = await queues
            .get(q)
            .getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
          for (const [state, n] of Object.entries(counts)) this.set({ queue: q, state }, n);
        }
      },
    });
    new Gauge({
      name: 'tiptrace_stage_latency_seconds',
      help: 'Seconds from receipt to each stage, over tips received in the last 15 minutes',
      labelNames: ['stage', 'quantile'],
      registers: [registry],
      async collect() {
        const rows = await health.stageLatency(db);
        for (const r of rows) {
          for (const q of ['p50', 'p95', 'p99'] as const) {
            if (r[q] !== null) this.set({ stage: r.stage, quantile: q }, Number(r[q]));
          }
        }
      },
    });
  }
}
