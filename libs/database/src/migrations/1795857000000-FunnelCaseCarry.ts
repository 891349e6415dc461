import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Distinct-case counting over any range of days without reading every (day, case) row.
 *
 * A case is counted in [d0, d1) when one of its days (per grain and ward, '*' for any ward) falls
 * there: either its first day does (summed per day in `funnel_case_firsts`), or it began before
 * d0 and its first day on or after d0 is inside: exactly one `funnel_case_keys` row, the one whose
 * previous day (`prev_day`) is before d0. Those rows are found through `gap_class`
 * (floor(log2(day - prev_day))): a row of class k that crosses d0 has its day before
 * d0 + 2^(k+1), so each class is one short index range.
 *
 * `funnel_rollup_month` sums `funnel_rollup` over whole months (histograms merged), so a year
 * reads a few hundred rows instead of a few thousand.
 *
 * The annual report's case figures: `case_facts` (one row per case: the UTC day it occurred,
 * kind, severity, solved, arrests) and `case_rollup` (those summed per day, kind and severity),
 * kept by the same projector from cases changed (`changed_at`, set by a trigger) and arrests
 * recorded since its last pass.
 *
 * The tables are derived: the migration empties them and the projector rebuilds them.
 */
export class FunnelCaseCarry1795857000000 implements MigrationInterface {
  name = 'FunnelCaseCarry1795857000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "report_watermarks" WHERE "name" = 'funnel'`);
    await q.query(`TRUNCATE "funnel_rollup", "funnel_case_keys"`);
    await q.query(`ALTER TABLE "funnel_case_keys" ADD "prev_day" date, ADD "gap_class" smallint`);
    await q.query(
      `CREATE INDEX "funnel_case_keys_case_idx" ON "funnel_case_keys"
        ("case_id", "category", "channel", "ward", "day")`,
    );
    await q.query(
      `CREATE INDEX "funnel_case_keys_carry_idx" ON "funnel_case_keys"
        ("category", "channel", "gap_class", "day") INCLUDE ("ward", "prev_day", "solved", "arrests")
        WHERE "prev_day" IS NOT NULL`,
    );
    await q.query(
      `CREATE TABLE "funnel_case_firsts" ("category" text NOT NULL, "channel" text NOT NULL,
        "day" date NOT NULL, "ward" text NOT NULL, "cases" integer NOT NULL,
        "solved" integer NOT NULL, "arrests" integer NOT NULL,
        CONSTRAINT "PK_funnel_case_firsts" PRIMARY KEY ("category", "channel", "day", "ward"))`,
    );
    await q.query(`CREATE INDEX "funnel_rollup_ward_day_idx" ON "funnel_rollup" ("ward", "day")`);
    await q.query(
      `CREATE TABLE "funnel_rollup_month" ("month" date NOT NULL, "ward" text NOT NULL,
        "category" text NOT NULL, "channel" text NOT NULL,
        "received" integer NOT NULL, "actionable" integer NOT NULL, "duplicate" integer NOT NULL,
        "rejected" integer NOT NULL, "linked" integer NOT NULL,
        "triage_hist" jsonb NOT NULL DEFAULT '{}'::jsonb, "claim_hist" jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT "PK_funnel_rollup_month" PRIMARY KEY ("category", "channel", "month", "ward"))`,
    );

    await q.query(
      `ALTER TABLE "cases" ADD "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await q.query(`CREATE INDEX "cases_changed_idx" ON "cases" ("changed_at")`);
    // tt_tips_touch() sets NEW.changed_at, whatever the table.
    await q.query(
      `CREATE TRIGGER "cases_touch" BEFORE UPDATE ON "cases" FOR EACH ROW EXECUTE FUNCTION tt_tips_touch()`,
    );
    await q.query(`CREATE INDEX "arrests_created_idx" ON "arrests" ("created_at")`);
    await q.query(
      `CREATE TABLE "case_facts" ("case_id" uuid NOT NULL, "day" date NOT NULL, "kind" text NOT NULL,
        "severity" text NOT NULL, "solved" boolean NOT NULL, "arrests" integer NOT NULL,
        CONSTRAINT "PK_case_facts" PRIMARY KEY ("case_id"))`,
    );
    await q.query(`CREATE INDEX "case_facts_day_idx" ON "case_facts" ("day")`);
    await q.query(
      `CREATE TABLE "case_rollup" ("day" date NOT NULL, "kind" text NOT NULL, "severity" text NOT NULL,
        "cases" integer NOT NULL, "solved" integer NOT NULL, "arrests" integer NOT NULL,
        CONSTRAINT "PK_case_rollup" PRIMARY KEY ("day", "kind", "severity"))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "report_watermarks" WHERE "name" = 'cases'`);
    await q.query(`DROP TABLE "case_rollup"`);
    await q.query(`DROP TABLE "case_facts"`);
    await q.query(`DROP INDEX "arrests_created_idx"`);
    await q.query(`DROP TRIGGER "cases_touch" ON "cases"`);
    await q.query(`DROP INDEX "cases_changed_idx"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "changed_at"`);
    await q.query(`DELETE FROM "report_watermarks" WHERE "name" = 'funnel'`);
    await q.query(`DROP TABLE "funnel_rollup_month"`);
    await q.query(`DROP INDEX "funnel_rollup_ward_day_idx"`);
    await q.query(`DROP TABLE "funnel_case_firsts"`);
    await q.query(`DROP INDEX "funnel_case_keys_carry_idx"`);
    await q.query(`DROP INDEX "funnel_case_keys_case_idx"`);
    await q.query(`TRUNCATE "funnel_rollup", "funnel_case_keys"`);
    await q.query(`ALTER TABLE "funnel_case_keys" DROP COLUMN "gap_class", DROP COLUMN "prev_day"`);
  }
}
