import { Injectable } from '@nestjs/common';
import { AuditWriter } from '@app/audit';
import { DataSource } from 'typeorm';
import { jobIdSql, jobOf, NOTIFICATION_ENTITY, notificationKey, QueueName } from '@app/contracts';
import type { NotificationJob, NotificationType } from '@app/contracts';
import { returningRows, SqlBatch } from '@app/database';

/** Channel on which new notifications are announced to the API replicas (ids only). */
export const NOTIFICATIONS_CHANNEL = 'tiptrace_notifications';

/** A notification as stored; what the API and the live stream show. */
export interface NotificationRow {
  id: string;
  user_id: string;
  type: NotificationType;
  entity_type: 'lead' | 'tip';
  entity_id: string;
  created_at: Date;
  read_at: Date | null;
}

/** The stages of a tip on a lead still waiting for a decision (tips_decision_due_idx). */
const UNDECIDED = `('duplicate', 'lead_open', 'lead_claimed')`;
/** A deadline as the `ref` of its notification: epoch milliseconds. */
const DUE_MS = `floor(extract(epoch FROM t.decision_due_at) * 1000)::bigint::text`;

/** Enabled people of `roles`. */
const people = (roles: string) =>
  `SELECT u.id FROM users u WHERE NOT u.disabled AND u.role IN (${roles})`;

/**
 * Who works the tip $1 now: the assignee of its case, and the investigator holding its lead.
 * (Enabled accounts only.)
 */
const TIP_HOLDERS = `
  SELECT u.id FROM tips t JOIN cases c ON c.id = t.case_id JOIN users u ON u.id = c.assignee_id
   WHERE t.id = $1::uuid AND NOT u.disabled
  UNION
  SELECT u.id FROM tips t JOIN leads l ON l.id = t.lead_id JOIN users u ON u.id::text = l.claimed_by
   WHERE t.id = $1::uuid AND l.stage = 'claimed' AND NOT u.disabled`;

/** The tip $1 is still undecided and its deadline is still the one notified ($2). */
const DEADLINE_STANDS = `EXISTS (SELECT 1 FROM tips t WHERE t.id = $1::uuid
  AND t.stage IN ${UNDECIDED} AND ${DUE_MS} = $2::text)`;

/**
 * The recipients of each type, read when the job runs ($1 the lead or tip, $2 the ref): the
 * people concerned now, not when the event was recorded.
 */
const RECIPIENTS: Record<NotificationType, string> = {
  // Everyone who may claim it.
  urgent_lead: people(`'investigator', 'supervisor'`),
  // Supervisors, if nobody has claimed it since.
  urgent_unclaimed: `${people(`'supervisor'`)} AND EXISTS (
    SELECT 1 FROM leads l WHERE l.id = $1::uuid AND l.stage = 'open')`,
  // Whoever works the tip; supervisors when nobody does yet but it is on a lead.
  tipster_replied: `WITH h AS (${TIP_HOLDERS})
    SELECT id FROM h
    UNION ALL
    ${people(`'supervisor'`)} AND NOT EXISTS (SELECT 1 FROM h)
      AND EXISTS (SELECT 1 FROM tips t WHERE t.id = $1::uuid AND t.lead_id IS NOT NULL)`,
  // The lead's holder if it is claimed again by now; otherwise the supervisors, who see it back
  // in the queue.
  lead_reopened: `WITH h AS (
      SELECT u.id FROM leads l JOIN users u ON u.id::text = l.claimed_by
      WHERE l.id = $1::uuid AND l.stage = 'claimed' AND NOT u.disabled)
    SELECT id FROM h
    UNION ALL
    ${people(`'supervisor'`)} AND NOT EXISTS (SELECT 1 FROM h)`,
  // Whoever works the tip, else the supervisors; only while that deadline stands.
  deadline_near: `WITH h AS (${TIP_HOLDERS})
    SELECT id FROM h WHERE ${DEADLINE_STANDS}
    UNION ALL
    ${people(`'supervisor'`)} AND NOT EXISTS (SELECT 1 FROM h) AND ${DEADLINE_STANDS}`,
  // The supervisors and whoever works the tip; only while that deadline stands.
  deadline_missed: `SELECT id FROM (${TIP_HOLDERS} UNION ${people(`'supervisor'`)}) r
    WHERE ${DEADLINE_STANDS}`,
};

/** Notifications: written from recorded events, read and marked read by their recipient. */
@Injectable()
export class NotificationsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditWriter,
  ) {}

  /**
   * Notifies the people concerned by `job`, once per (event, recipient) however often the job
   * runs (the unique source key), and announces each new row on NOTIFICATIONS_CHANNEL when the
   * statement commits. Returns how many were new. The job is no longer pending
   * (`notification_jobs_pending`, which the reconciler reads), in the same statement.
   */
  async deliver(job: NotificationJob): Promise<number> {
    // pg_notify in the outer SELECT list runs once per new row; the messages leave on commit.
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH ran AS (DELETE FROM notification_jobs_pending WHERE job_id = $7),
       r AS (${RECIPIENTS[job.type]}),
       ins AS (
         INSERT INTO notifications (id, user_id, type, entity_type, entity_id, source_key)
         SELECT gen_random_uuid(), r.id, $3::text, $4::text, $1::uuid, $5::text
         FROM (SELECT DISTINCT id FROM r) r WHERE $2::text IS NOT NULL
         ON CONFLICT (source_key, user_id) DO NOTHING
         RETURNING id, user_id, type, entity_type, entity_id, created_at)
       SELECT id, pg_notify($6::text, json_build_object('id', id, 'userId', user_id,
         'type', type, 'entityType', entity_type, 'entityId', entity_id, 'at', created_at)::text) AS sent
       FROM ins`,
      [
        job.entityId,
        job.ref,
        job.type,
        NOTIFICATION_ENTITY[job.type],
        notificationKey(job),
        NOTIFICATIONS_CHANNEL,
        jobOf(QueueName.Notifications, job.type, job.entityId, job.ref).id,
      ],
    );
    return rows.length;
  }

  /**
   * The housekeeper's periodic checks: urgent leads still open `urgentClaimMs` after they opened,
   * deadlines within `nearMs` and deadlines passed (in the last week), each recorded once in
   * notification_checks and sent as a notification job through the outbox. A deadline that had
   * passed before the tip reached its lead (an imported old record) is listed as overdue but not
   * notified. Returns how many jobs were written.
   */
  async queueDueChecks(opts: { urgentClaimMs: number; nearMs: number }): Promise<number> {
    const rows = await returningRows<{ id: string }>(
      this.dataSource.manager,
      `WITH found AS (
         SELECT 'urgent_unclaimed'::text AS type, l.id AS entity_id,
           floor(extract(epoch FROM l.opened_at) * 1000)::bigint::text AS ref
         FROM leads l
         WHERE l.stage = 'open' AND l.urgent AND l.opened_at <= now() - make_interval(secs => $1)
           AND l.opened_at > now() - interval '7 days'
         UNION ALL
         SELECT 'deadline_missed', t.id, ${DUE_MS} FROM tips t
         WHERE t.stage IN ${UNDECIDED} AND t.decision_due_at <= now()
           AND t.decision_due_at > now() - interval '7 days' AND t.decision_due_at > t.lead_open_at
         UNION ALL
         SELECT 'deadline_near', t.id, ${DUE_MS} FROM tips t
         WHERE t.stage IN ${UNDECIDED} AND t.decision_due_at > now()
           AND t.decision_due_at <= now() + make_interval(secs => $2)
           AND t.decision_due_at > t.lead_open_at),
       fresh AS (
         SELECT f.*, f.type || '.' || f.entity_id || '.' || f.ref AS key FROM found f
         WHERE NOT EXISTS (SELECT 1 FROM notification_checks c
                           WHERE c.key = f.type || '.' || f.entity_id || '.' || f.ref)
         LIMIT 1000),
       marked AS (
         INSERT INTO notification_checks (key) SELECT key FROM fresh
         ON CONFLICT DO NOTHING RETURNING key),
       jobs AS (
         SELECT ${jobIdSql(QueueName.Notifications, 'f.type' as NotificationType, 'f.entity_id', 'f.ref')} AS j,
           jsonb_build_object('v', 1, 'type', f.type, 'entityId', f.entity_id, 'ref', f.ref) AS p
         FROM fresh f JOIN marked m ON m.key = f.key),
       -- Pending until it runs, so that one Redis loses is sent again (DispatchRepository.addJobsTo).
       pending AS (
         INSERT INTO notification_jobs_pending (job_id, payload) SELECT j, p FROM jobs
         ON CONFLICT (job_id) DO NOTHING)
       INSERT INTO outbox (queue, job_id, payload)
       SELECT $3::text, j, p FROM jobs
       RETURNING id`,
      [opts.urgentClaimMs / 1000, opts.nearMs / 1000, QueueName.Notifications],
    );
    return rows.length;
  }

  /** The user's notifications, newest first, after the cursor (created_at, id). */
  async list(
    userId: string,
    opts: { unread?: boolean; after?: { at: string; id: string }; limit: number },
  ): Promise<NotificationRow[]> {
    const params: unknown[] = [userId, opts.limit];
    const where = ['user_id = $1::uuid'];
    if (opts.unread === true) where.push('read_at IS NULL');
    if (opts.unread === false) where.push('read_at IS NOT NULL');
    if (opts.after) {
      params.push(opts.after.at, opts.after.id);
      where.push(`(created_at, id) < ($3::timestamptz, $4::uuid)`);
    }
    return this.dataSource.query(
      `SELECT id, user_id, type, entity_type, entity_id, created_at, read_at FROM notifications
       WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $2`,
      params,
    );
  }

  async countUnread(userId: string): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications WHERE user_id = $1::uuid AND read_at IS NULL`,
      [userId],
    );
    return rows[0]?.n ?? 0;
  }

  /**
   * Marks the user's notification read (the first time only), with its audit entry; false when
   * it is not the user's (or does not exist).
   */
  async markRead(
    id: string,
    user: { id: string; username: string; role: string },
  ): Promise<boolean> {
    const batch = new SqlBatch();
    const p = (v: unknown) => batch.param(v);
    const mine = batch.add(
      `SELECT id FROM notifications WHERE id = ${p(id)}::uuid AND user_id = ${p(user.id)}::uuid`,
      'mine',
    );
    const marked = batch.add(
      `UPDATE notifications SET read_at = now()
       WHERE id IN (SELECT id FROM ${mine}) AND read_at IS NULL RETURNING id`,
      'marked',
    );
    this.audit.appendFromTo(
      batch,
      `SELECT ${p(user.id)}::text AS actor, ${p(user.role)}::text AS role,
         'notification.read' AS action, 'notification' AS entity_type, m.id::text AS entity_id,
         'success' AS outcome, NULL::text AS reason,
         jsonb_build_object('username', ${p(user.username)}::text) AS detail
       FROM ${marked} m`,
    );
    const rows = await batch.run<{ found: boolean }>(
      this.dataSource.manager,
      `SELECT EXISTS (SELECT 1 FROM ${mine}) AS found`,
    );
    return rows[0]?.found === true;
  }
}
