import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A `notifications` job written and not yet run: written with its outbox row, in the same
 * transaction, and deleted by the statement that delivers it. One that Redis lost (wiped, or
 * restarted without persistence, after the relay sent it) is found by the reconciler, which
 * sends it again. `waiting_since`: when it was written, or last sent again.
 */
export class NotificationJobsPending1796000700000 implements MigrationInterface {
  name = 'NotificationJobsPending1796000700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "notification_jobs_pending" (
         "job_id" text NOT NULL,
         "payload" jsonb NOT NULL,
         "waiting_since" timestamptz NOT NULL DEFAULT now(),
         CONSTRAINT "PK_notification_jobs_pending" PRIMARY KEY ("job_id"))`,
    );
    // The reconciler reads those waiting longest first.
    await q.query(
      `CREATE INDEX "notification_jobs_pending_since_idx"
         ON "notification_jobs_pending" ("waiting_since")`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notification_jobs_pending"`);
  }
}
