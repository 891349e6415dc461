import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications, one row per recipient: what happened (`type`), to which lead or tip, when, and
 * whether it was read; never a tip's text or a tipster's identity. `source_key` names the event
 * (type, entity and what makes the occurrence unique), unique per recipient, so an event
 * delivered twice notifies once. `notification_checks` records the events the relay's periodic
 * checks found (an urgent lead left unclaimed, a deadline near or missed), each once.
 */
export class Notifications1795940100000 implements MigrationInterface {
  name = 'Notifications1795940100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "notifications" (
        "id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "type" text NOT NULL,
        "entity_type" text NOT NULL,
        "entity_id" uuid NOT NULL,
        "source_key" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "read_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_notifications" PRIMARY KEY ("id"),
        CONSTRAINT "notifications_source_user_uq" UNIQUE ("source_key", "user_id"),
        CONSTRAINT "FK_notifications_user" FOREIGN KEY ("user_id") REFERENCES "users"("id")
      )`,
    );
    await q.query(
      `CREATE INDEX "notifications_user_idx" ON "notifications" ("user_id", "created_at", "id")`,
    );
    await q.query(
      `CREATE INDEX "notifications_unread_idx" ON "notifications" ("user_id", "created_at", "id")
       WHERE read_at IS NULL`,
    );
    await q.query(
      `CREATE TABLE "notification_checks" (
        "key" text NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_notification_checks" PRIMARY KEY ("key")
      )`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notification_checks"`);
    await q.query(`DROP TABLE "notifications"`);
  }
}
