import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { QueueName, TIP_STAGES } from '@app/contracts';
import { QueueRegistry } from '@app/dispatch';

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
  ) {
    const db = this.dataSource;
    const registry = this.registry;
    new Gauge({
      name: 'tiptrace_tips',
      help: 'Tips by current stage',
      labelNames: ['stage'],
      registers: [registry],
      async collect() {
        const rows: { stage: string; n: string }[] = await db.query(
          `SELECT stage, count(*) AS n FROM tips GROUP BY stage`,
        );
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
        const rows: { queue: string; n: string }[] = await db.query(
          `SELECT queue, count(*) AS n FROM dead_letters GROUP BY queue`,
        );
        for (const q of Object.values(QueueName)) this.set({ queue: q }, 0);
        for (const r of rows) this.set({ queue: r.queue }, Number(r.n));
      },
    });
    new Gauge({
      name: 'tiptrace_outbox_pending',
      help: 'Committed jobs not yet moved onto a queue',
      registers: [registry],
      async collect() {
        const rows: { n: string }[] = await db.query(`SELECT count(*) AS n FROM outbox`);
        this.set(Number(rows[0].n));
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
        const rows: {
          stage: string;
          p50: number | null;
          p95: number | null;
          p99: number | null;
        }[] = await db.query(
          `SELECT s.stage,
                    percentile_cont(0.5) WITHIN GROUP (ORDER BY s.secs) AS p50,
                    percentile_cont(0.95) WITHIN GROUP (ORDER BY s.secs) AS p95,
                    percentile_cont(0.99) WITHIN GROUP (ORDER BY s.secs) AS p99
             FROM tips t
             CROSS JOIN LATERAL (VALUES
               ('triaged', extract(epoch FROM t.triaged_at - t.received_at)),
               ('lead_open', extract(epoch FROM t.lead_open_at - t.received_at))) AS s(stage, secs)
             WHERE t.received_at > now() - interval '15 minutes' AND NOT t.imported
               AND s.secs IS NOT NULL
             GROUP BY s.stage`,
        );
        for (const r of rows) {
          for (const q of ['p50', 'p95', 'p99'] as const) {
            if (r[q] !== null) this.set({ stage: r.stage, quantile: q }, Number(r[q]));
          }
        }
      },
    });
  }
}
