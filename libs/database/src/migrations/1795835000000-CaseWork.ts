import { MigrationInterface, QueryRunner } from 'typeorm';

/** Claims on a lease, arrests, case events, outcomes on tips, tipster messages. */
export class CaseWork1795835000000 implements MigrationInterface {
  name = 'CaseWork1795835000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "leads" ADD "claimed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `CREATE INDEX "leads_lease_idx" ON "leads" ("lease_expires_at") WHERE stage = 'claimed'`,
    );
    await q.query(`CREATE INDEX "leads_case_idx" ON "leads" ("case_id")`);
    await q.query(`ALTER TABLE "tips" ADD "case_id" uuid`);
    await q.query(`ALTER TABLE "tips" ADD "case_status" text`);
    await q.query(`ALTER TABLE "tips" ADD "case_resolution" text`);
    await q.query(`ALTER TABLE "tips" ADD "arrests" integer NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX "tips_case_idx" ON "tips" ("case_id")`);
    await q.query(`ALTER TABLE "tip_events" ADD "dedupe_key" text`);
    await q.query(
      `CREATE UNIQUE INDEX "tip_events_dedupe_uq" ON "tip_events" ("tip_id", "dedupe_key")`,
    );
    await q.query(`ALTER TABLE "cases" ADD "reopened_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`CREATE INDEX "cases_status_kind_idx" ON "cases" ("status", "kind")`);
    await q.query(
      `CREATE TABLE "arrests" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "person_name" text NOT NULL,
        "charge" text, "arrested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" text,
        "idempotency_key" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_arrests" PRIMARY KEY ("id"),
        CONSTRAINT "FK_arrests_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id"))`,
    );
    await q.query(`CREATE INDEX "arrests_case_idx" ON "arrests" ("case_id")`);
    await q.query(
      `CREATE UNIQUE INDEX "arrests_idempotency_uq" ON "arrests" ("case_id", "idempotency_key")`,
    );
    await q.query(
      `CREATE TABLE "case_events" ("id" BIGSERIAL NOT NULL, "case_id" uuid NOT NULL, "type" text NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" text,
        "detail" jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT "PK_case_events" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "case_events_case_idx" ON "case_events" ("case_id", "id")`);
    await q.query(
      `CREATE TABLE "tip_messages" ("id" uuid NOT NULL, "tip_id" uuid NOT NULL, "direction" text NOT NULL,
        "body" text NOT NULL, "author" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_tip_messages" PRIMARY KEY ("id"),
        CONSTRAINT "FK_tip_messages_tip" FOREIGN KEY ("tip_id") REFERENCES "tips"("id"))`,
    );
    await q.query(`CREATE INDEX "tip_messages_tip_idx" ON "tip_messages" ("tip_id", "created_at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "tip_messages"`);
    await q.query(`DROP TABLE "case_events"`);
    await q.query(`DROP TABLE "arrests"`);
    await q.query(`DROP INDEX "cases_status_kind_idx"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "reopened_at"`);
    await q.query(`DROP INDEX "tip_events_dedupe_uq"`);
    await q.query(`ALTER TABLE "tip_events" DROP COLUMN "dedupe_key"`);
    await q.query(`DROP INDEX "tips_case_idx"`);
    await q.query(`ALTER TABLE "tips" DROP COLUMN "arrests"`);
    await q.query(`ALTER TABLE "tips" DROP COLUMN "case_resolution"`);
    await q.query(`ALTER TABLE "tips" DROP COLUMN "case_status"`);
    await q.query(`ALTER TABLE "tips" DROP COLUMN "case_id"`);
    await q.query(`DROP INDEX "leads_case_idx"`);
    await q.query(`DROP INDEX "leads_lease_idx"`);
    await q.query(`ALTER TABLE "leads" DROP COLUMN "claimed_at"`);
  }
}
