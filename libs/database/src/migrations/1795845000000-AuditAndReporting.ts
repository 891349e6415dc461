import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log (append-only, hash-chained by the sealer) and the funnel's reporting tables,
 * which are derived from tips and can be rebuilt from them at any time.
 */
export class AuditAndReporting1795845000000 implements MigrationInterface {
  name = 'AuditAndReporting1795845000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "actor" text, "role" text, "action" text NOT NULL, "entity_type" text NOT NULL,
        "entity_id" text, "outcome" text NOT NULL, "reason" text,
        "detail" jsonb NOT NULL DEFAULT '{}'::jsonb, CONSTRAINT "PK_audit_log" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "audit_log_entity_idx" ON "audit_log" ("entity_type", "entity_id", "id")`,
    );
    await q.query(`CREATE INDEX "audit_log_actor_idx" ON "audit_log" ("actor", "id")`);
    await q.query(`CREATE INDEX "audit_log_at_idx" ON "audit_log" ("at")`);
    await q.query(
      `CREATE TABLE "audit_chain" ("seq" bigint NOT NULL, "entry_id" bigint NOT NULL,
        "prev_hash" text NOT NULL, "hash" text NOT NULL,
        "sealed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_audit_chain" PRIMARY KEY ("seq"), CONSTRAINT "UQ_audit_chain_entry" UNIQUE ("entry_id"))`,
    );
    // Append-only, whoever the role: updates, deletes and truncation are refused.
    await q.query(
      `CREATE FUNCTION tt_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'the audit log is append-only (% on %)', TG_OP, TG_TABLE_NAME; END $$`,
    );
    for (const table of ['audit_log', 'audit_chain']) {
      await q.query(
        `CREATE TRIGGER "${table}_no_change" BEFORE UPDATE OR DELETE ON "${table}"
         FOR EACH ROW EXECUTE FUNCTION tt_audit_append_only()`,
      );
      await q.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}"
         FOR EACH STATEMENT EXECUTE FUNCTION tt_audit_append_only()`,
      );
    }

    // Reporting: any change to a tip marks it for the funnel projector.
    await q.query(
      `ALTER TABLE "tips" ADD "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await q.query(`CREATE INDEX "tips_changed_idx" ON "tips" ("changed_at")`);
    await q.query(
      `CREATE FUNCTION tt_tips_touch() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN NEW.changed_at := clock_timestamp(); RETURN NEW; END $$`,
    );
    await q.query(
      `CREATE TRIGGER "tips_touch" BEFORE UPDATE ON "tips" FOR EACH ROW EXECUTE FUNCTION tt_tips_touch()`,
    );
    // Log-scale bucket of a duration (ratio 1.25 per bucket), for mergeable medians.
    await q.query(
      `CREATE FUNCTION tt_bucket(secs double precision) RETURNS smallint LANGUAGE sql IMMUTABLE AS
       $$ SELECT CASE WHEN secs IS NULL THEN NULL
                      ELSE floor(ln(1 + greatest(secs, 0) * 100) / ln(1.25))::smallint END $$`,
    );
    await q.query(
      // One row per day, ward, category and channel, plus '*' rows for any category and/or channel,
      // so an unfiltered year reads a few thousand rows whatever the number of tips.
      `CREATE TABLE "funnel_rollup" ("day" date NOT NULL, "ward" text NOT NULL,
        "category" text NOT NULL, "channel" text NOT NULL,
        "received" integer NOT NULL, "actionable" integer NOT NULL, "duplicate" integer NOT NULL,
        "rejected" integer NOT NULL, "linked" integer NOT NULL,
        "triage_hist" jsonb NOT NULL DEFAULT '{}'::jsonb, "claim_hist" jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT "PK_funnel_rollup" PRIMARY KEY ("category", "channel", "day", "ward"))`,
    );
    await q.query(
      `CREATE TABLE "funnel_case_keys" ("day" date NOT NULL, "ward" text NOT NULL,
        "category" text NOT NULL, "channel" text NOT NULL, "case_id" uuid NOT NULL,
        "solved" boolean NOT NULL, "arrests" integer NOT NULL,
        CONSTRAINT "PK_funnel_case_keys" PRIMARY KEY ("category", "channel", "day", "ward", "case_id"))`,
    );
    await q.query(
      `CREATE TABLE "report_watermarks" ("name" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_report_watermarks" PRIMARY KEY ("name"))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "report_watermarks"`);
    await q.query(`DROP TABLE "funnel_case_keys"`);
    await q.query(`DROP TABLE "funnel_rollup"`);
    await q.query(`DROP FUNCTION tt_bucket(double precision)`);
    await q.query(`DROP TRIGGER "tips_touch" ON "tips"`);
    await q.query(`DROP FUNCTION tt_tips_touch()`);
    await q.query(`DROP INDEX "tips_changed_idx"`);
    await q.query(`ALTER TABLE "tips" DROP COLUMN "changed_at"`);
    await q.query(`DROP TABLE "audit_chain"`);
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP FUNCTION tt_audit_append_only()`);
  }
}
