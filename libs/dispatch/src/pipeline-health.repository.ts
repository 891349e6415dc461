import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Where a statement runs: a transaction's manager, or the data source itself. */
type Queryable = Pick<EntityManager, 'query'>;

/** A dead letter as operators see it (error name and message only, never a payload). */
export interface DeadLetterRow {
  queue: string;
  job_id: string;
  tip_id: string | null;
  error: string;
  attempts: number;
  failed_at: Date;
}

/** A dead letter as the queue health page and the command line show it. */
export interface DeadLetterView {
  queue: string;
  jobId: string;
  tipId: string | null;
  error: string;
  attempts: number;
  failedAt: string;
}

export function deadLetterView(r: DeadLetterRow): DeadLetterView {
  return {
    queue: r.queue,
    jobId: r.job_id,
    tipId: r.tip_id,
    error: r.error,
    attempts: r.attempts,
    failedAt: new Date(r.failed_at).toISOString(),
  };
}

/** The pipeline's figures from the record: tips by stage, stage latency, outbox, dead letters. */
@Injectable()
export class PipelineHealthRepository {
  tipsByStage(db: Queryable): Promise<{ stage: string; n: string }[]> {
    return db.query(`SELECT stage, count(*) AS n FROM tips GROUP BY stage`);
  }

  deadLettersByQueue(db: Queryable): Promise<{ queue: string; n: string }[]> {
    return db.query(`SELECT queue, count(*) AS n FROM dead_letters GROUP BY queue`);
  }

  async outboxPending(db: Queryable): Promise<number> {
    const rows: { n: string }[] = await db.query(`SELECT count(*) AS n FROM outbox`);
    return Number(rows[0].n);
  }

  /** Outbox rows waiting, and the age in seconds of the oldest (null when none). */
  async outboxBacklog(db: Queryable): Promise<{ n: string; oldest: number | null } | undefined> {
    const rows: { n: string; oldest: number | null }[] = await db.query(
      `SELECT count(*) AS n, extract(epoch FROM now() - min(available_at))::float8 AS oldest FROM outbox`,
    );
    return rows[0];
  }

  /** The 20 latest dead letters. */
  recentDeadLetters(db: Queryable): Promise<DeadLetterRow[]> {
    return db.query(
      `SELECT queue, job_id, tip_id, error, attempts, failed_at FROM dead_letters
          ORDER BY failed_at DESC, id DESC LIMIT 20`,
    );
  }

  /**
   * Seconds from receipt to `triaged` and to `lead_open` (p50, p95, p99) over the tips taken in
   * (not imported) in the last 15 minutes.
   */
  stageLatency(
    db: Queryable,
  ): Promise<{ stage: string; p50: number | null; p95: number | null; p99: number | null }[]> {
    return db.query(
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
  }
}
