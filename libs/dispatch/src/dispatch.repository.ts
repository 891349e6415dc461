import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { jobIdSql, QueueJob, QueueName, StageQueue } from '@app/contracts';
import type { SqlBatch } from '@app/database';

/** Where a statement runs: a transaction's manager, or the data source itself. */
type Queryable = Pick<EntityManager, 'query'>;

/**
 * The outbox's rows, the relays' wake-up, the dead letters, and the reads that find work whose
 * job was lost.
 */
@Injectable()
export class DispatchRepository {
  /** Adds the outbox rows of `jobs` to `batch`; `when` (SQL) writes them only if it holds. */
  addJobsTo<Q extends QueueName>(
    batch: SqlBatch,
    jobs: readonly QueueJob<Q>[],
    when?: string,
  ): void {
    batch.add(
      `INSERT INTO outbox (queue, job_id, payload)
       SELECT q, j, p
       FROM unnest(${batch.param(jobs.map((job) => job.queue))}::text[],
         ${batch.param(jobs.map((job) => job.id))}::text[],
         ${batch.param(jobs.map((job) => JSON.stringify(job.data)))}::jsonb[]) AS t(q, j, p)
       ${when ? `WHERE ${when}` : ''}`,
    );
  }

  /** NOTIFY on `channel`, in a statement of its own. */
  async notify(db: Queryable, channel: string): Promise<void> {
    await db.query(`SELECT pg_notify($1, '')`, [channel]);
  }

  /** Keeps a job that ran out of attempts; a job dead-lettered again takes the new error. */
  async recordDeadLetter(
    m: Queryable,
    d: { queue: string; jobId: string; tipId: string | null; error: string; attempts: number },
  ): Promise<void> {
    await m.query(
      `INSERT INTO dead_letters (queue, job_id, tip_id, error, attempts)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (queue, job_id) DO UPDATE
         SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, failed_at = now()`,
      [d.queue, d.jobId, d.tipId, d.error, d.attempts],
    );
  }

  /**
   * Up to `limit` tips in `stage` for longer than `stuckSecs` whose job on `queue` is neither
   * waiting in the outbox nor dead-lettered, longest waiting first.
   */
  async stuckTips(
    m: Queryable,
    stage: 'received' | 'triaged',
    queue: StageQueue,
    stuckSecs: number,
    limit: number,
  ): Promise<string[]> {
    const job = jobIdSql(queue, 't.id');
    // The stage is written out (one of two constants, never input) so that every plan can use
    // tips_waiting_idx, whose predicate names it.
    const rows: { id: string }[] = await m.query(
      `SELECT t.id FROM tips t
         WHERE t.stage = '${stage}' AND t.stage_changed_at < now() - make_interval(secs => $1)
           AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.queue = $2 AND d.job_id = ${job})
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.queue = $2 AND o.job_id = ${job})
         ORDER BY t.stage_changed_at LIMIT $3`,
      [stuckSecs, queue, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Among the cases of the latest `recentEvents` case events (all older than `stuckSecs`), up to
   * `limit` with a linked tip whose outcome is not the case's, each with its latest event, unless
   * that event's outcome job waits in the outbox or was dead-lettered.
   */
  staleOutcomes(
    m: Queryable,
    stuckSecs: number,
    recentEvents: number,
    limit: number,
  ): Promise<{ case_id: string; last_event: string }[]> {
    const queue = QueueName.Outcomes;
    const job = jobIdSql(queue, 'r.case_id', 'r.last_event');
    return m.query(
      `WITH recent AS (
         SELECT case_id, max(id) AS last_event FROM case_events
         WHERE id > (SELECT COALESCE(max(id), 0) - $2 FROM case_events)
         GROUP BY case_id
         HAVING max(at) < now() - make_interval(secs => $1))
       SELECT r.case_id, r.last_event::text AS last_event
       FROM recent r JOIN cases c ON c.id = r.case_id
       WHERE EXISTS (
           SELECT 1 FROM leads l JOIN tips t ON t.lead_id = l.id
           WHERE l.case_id = c.id
             AND (t.case_id IS DISTINCT FROM c.id OR t.case_status IS DISTINCT FROM c.status
                  OR t.case_resolution IS DISTINCT FROM c.resolution
                  OR t.arrests <> (SELECT count(*) FROM arrests a WHERE a.case_id = c.id)))
         AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.queue = $3 AND o.job_id = ${job})
         AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.queue = $3 AND d.job_id = ${job})
       LIMIT $4`,
      [stuckSecs, recentEvents, queue, limit],
    );
  }
}
