import { Injectable } from '@nestjs/common';
import type { PoolClient, QueryResult } from 'pg';
import type { EntityManager } from 'typeorm';
import { jobIdSql, QueueJob, QueueName, StageQueue } from '@app/contracts';
import { returningRows } from '@app/database';
import type { SqlBatch } from '@app/database';
import type { DeadLetterRow } from './pipeline-health.repository';

/** Where a statement runs: a transaction's manager, or the data source itself. */
type Queryable = Pick<EntityManager, 'query'>;

/** An outbox row as the relay takes it. */
export interface OutboxRow {
  id: string;
  queue: string;
  job_id: string;
  payload: unknown;
}

/**
 * A dead-lettered `notifications` job is no longer pending (the reconciler would never send it
 * again, and it would be read on each of its passes): deletes the pending rows of the jobs of
 * `jobs` (SQL: rows of `queue`, `job_id`), in the statement that writes their dead letters.
 */
const SETTLED_NOTIFICATIONS = (jobs: string) =>
  `DELETE FROM notification_jobs_pending p USING ${jobs}
   WHERE x.queue = '${QueueName.Notifications}' AND p.job_id = x.job_id`;

/** Orders bigint ids given as decimal strings. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * The relay's statements, on a connection of its own (no TypeORM: one simple-protocol message
 * opens the transaction, relaxes its commit and takes the rows).
 */
export const relayStatements = {
  /**
   * Opens a transaction and deletes up to `batch` due rows (SKIP LOCKED: any number of relays),
   * returning them in the order they were written. The commit only deletes rows whose jobs are
   * already on their queues; losing it in a crash re-sends the same job ids, which BullMQ and the
   * idempotent stages absorb, so it need not wait for the WAL flush.
   */
  async begin(client: PoolClient, batch: number): Promise<OutboxRow[]> {
    const results = (await client.query(
      `BEGIN; SET LOCAL synchronous_commit = off;
       DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox WHERE available_at <= now() ORDER BY id LIMIT ${Math.trunc(batch)}
         FOR UPDATE SKIP LOCKED)
       RETURNING id, queue, job_id, payload`,
    )) as unknown as QueryResult<OutboxRow>[];
    // In the order they were written (RETURNING keeps none).
    return results[2].rows.sort((a, b) => compareIds(a.id, b.id));
  },

  /** Rows that are no job, kept as dead letters for a person, in the relay's transaction. */
  async deadLetter(
    client: PoolClient,
    rows: { queue: string; jobId: string; error: string }[],
  ): Promise<void> {
    await client.query(
      `WITH settled AS (${SETTLED_NOTIFICATIONS('unnest($1::text[], $2::text[]) AS x(queue, job_id)')})
       INSERT INTO dead_letters (queue, job_id, error, attempts)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[])
       ON CONFLICT (queue, job_id) DO UPDATE
         SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, failed_at = now()`,
      [
        rows.map((r) => r.queue),
        rows.map((r) => r.jobId),
        rows.map((r) => r.error),
        rows.map(() => 0),
      ],
    );
  },
};

/** A dead letter with where a page of them stops: its time (as PostgreSQL prints it) and id. */
export interface DeadLetterPageRow extends DeadLetterRow {
  id: string;
  at: string;
}

/** Where a pass over the stuck tips of a stage stopped: the last tip it read. */
export interface StuckCursor {
  at: string;
  id: string;
}

/**
 * The outbox's rows, the relays' wake-up, the dead letters, and the reads that find work whose
 * job was lost.
 */
@Injectable()
export class DispatchRepository {
  /**
   * Adds the outbox rows of `jobs` to `batch`; `when` (SQL) writes them only if it holds. A
   * `notifications` job is also kept as pending until it runs (NotificationsRepository.deliver
   * deletes it), so that one Redis loses is sent again (StageReconciler); the stages' jobs need no
   * such row, their tips' stages tell what is left to do.
   */
  addJobsTo<Q extends QueueName>(
    batch: SqlBatch,
    jobs: readonly QueueJob<Q>[],
    when?: string,
  ): void {
    const rows = `unnest(${batch.param(jobs.map((job) => job.queue))}::text[],
         ${batch.param(jobs.map((job) => job.id))}::text[],
         ${batch.param(jobs.map((job) => JSON.stringify(job.data)))}::jsonb[]) AS t(q, j, p)
       ${when ? `WHERE ${when}` : ''}`;
    batch.add(`INSERT INTO outbox (queue, job_id, payload) SELECT q, j, p FROM ${rows}`);
    if (jobs.some((job) => job.queue === QueueName.Notifications))
      batch.add(
        `INSERT INTO notification_jobs_pending (job_id, payload)
         SELECT j, p FROM (SELECT t.* FROM ${rows}) t WHERE q = '${QueueName.Notifications}'
         ON CONFLICT (job_id) DO NOTHING`,
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
      `WITH settled AS (${SETTLED_NOTIFICATIONS('(SELECT $1::text, $2::text) AS x(queue, job_id)')})
       INSERT INTO dead_letters (queue, job_id, tip_id, error, attempts)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (queue, job_id) DO UPDATE
         SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, failed_at = now()`,
      [d.queue, d.jobId, d.tipId, d.error, d.attempts],
    );
  }

  /**
   * Dead letters, oldest first: of `queue` (null: every queue), of `jobIds` (null: any), after
   * `after` (a row's `at` and `id`; null: from the first), at most `limit`. Error name and message
   * only: a dead letter keeps no payload.
   */
  deadLetters(
    m: Queryable,
    queue: QueueName | null,
    jobIds: readonly string[] | null,
    limit: number,
    after: { at: string; id: string } | null = null,
  ): Promise<DeadLetterPageRow[]> {
    return m.query(
      `SELECT id::text, failed_at::text AS at, queue, job_id, tip_id, error, attempts, failed_at
       FROM dead_letters
       WHERE ($1::text IS NULL OR queue = $1) AND ($2::text[] IS NULL OR job_id = ANY($2::text[]))
         AND ($4::timestamptz IS NULL OR (failed_at, id) > ($4::timestamptz, $5::bigint))
       ORDER BY failed_at, id LIMIT $3`,
      [queue, jobIds, limit, after?.at ?? null, after?.id ?? null],
    );
  }

  /** Deletes the dead letters of `jobs`; answers those it deleted (another run may have first). */
  clearDeadLetters(
    m: Queryable,
    jobs: readonly { queue: string; id: string }[],
  ): Promise<{ queue: string; job_id: string }[]> {
    return returningRows(
      m,
      `DELETE FROM dead_letters d USING unnest($1::text[], $2::text[]) AS x(queue, job_id)
       WHERE d.queue = x.queue AND d.job_id = x.job_id
       RETURNING d.queue, d.job_id`,
      [jobs.map((j) => j.queue), jobs.map((j) => j.id)],
    );
  }

  /**
   * Up to `limit` tips in `stage` for longer than `stuckSecs` whose job on `queue` is neither
   * waiting in the outbox nor dead-lettered, longest waiting first, from after `after` on (a
   * backlog is gone through a page a pass, not its first page again and again).
   */
  async stuckTips(
    m: Queryable,
    stage: 'received' | 'triaged',
    queue: StageQueue,
    stuckSecs: number,
    limit: number,
    after: StuckCursor | null = null,
  ): Promise<{ id: string; at: string }[]> {
    const job = jobIdSql(queue, 't.id');
    // The stage is written out (one of two constants, never input) so that every plan can use
    // tips_waiting_idx, whose predicate names it.
    return m.query(
      `SELECT t.id, t.stage_changed_at::text AS at FROM tips t
         WHERE t.stage = '${stage}' AND t.stage_changed_at < now() - make_interval(secs => $1)
           AND ($4::timestamptz IS NULL OR (t.stage_changed_at, t.id) > ($4::timestamptz, $5::uuid))
           AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.queue = $2 AND d.job_id = ${job})
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.queue = $2 AND o.job_id = ${job})
         ORDER BY t.stage_changed_at, t.id LIMIT $3`,
      [stuckSecs, queue, limit, after?.at ?? null, after?.id ?? null],
    );
  }

  /**
   * Up to `limit` notifications jobs written more than `stuckSecs` ago that have not run, waiting
   * longest first, unless still in the outbox or dead-lettered; each is marked as waiting from
   * now, so that it is looked at again only after another `stuckSecs`.
   */
  async unrunNotifications(
    m: Queryable,
    stuckSecs: number,
    limit: number,
  ): Promise<{ job_id: string; payload: unknown }[]> {
    const queue = QueueName.Notifications;
    // An UPDATE: TypeORM answers its rows with the count beside them.
    return returningRows(
      m,
      `WITH due AS (
         SELECT p.job_id FROM notification_jobs_pending p
         WHERE p.waiting_since < now() - make_interval(secs => $1)
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.queue = $2 AND o.job_id = p.job_id)
           AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.queue = $2 AND d.job_id = p.job_id)
         ORDER BY p.waiting_since LIMIT $3
         FOR UPDATE SKIP LOCKED)
       UPDATE notification_jobs_pending p SET waiting_since = now()
       FROM due WHERE p.job_id = due.job_id
       RETURNING p.job_id, p.payload`,
      [stuckSecs, queue, limit],
    );
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
