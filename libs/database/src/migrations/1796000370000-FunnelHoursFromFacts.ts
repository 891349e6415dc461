import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole hours of a cut day read from the tips' facts, not from hourly rollups.
 *
 * `funnel_rollup_hour` and `funnel_case_hours` held one row per hour, ward and grain (four grains
 * per tip: its own, and '*' for any category, any channel, or both), so with a few hundred tips
 * an hour spread over wards × categories × channels nearly every row held one tip: more rows than
 * tips, and more bytes than `tips` itself. `funnel_tip_facts` already holds each tip's hour and
 * everything the hours were summed from. `funnel_tip_facts_hour_idx` reads a cut day's hours as
 * one index range, the grain chosen at read time; it carries every column the reports read
 * (INCLUDE), so the read is index-only and stays in hour order however the facts' heap is laid
 * out (a tip's facts are rewritten wherever its last change put them).
 *
 * Nothing is lost: the facts are those the dropped tables were summed from, as of the same
 * watermark. `down` sums them into the hourly tables again.
 */
export class FunnelHoursFromFacts1796000370000 implements MigrationInterface {
  name = 'FunnelHoursFromFacts1796000370000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    await q.query(
      `CREATE INDEX "funnel_tip_facts_hour_idx" ON "funnel_tip_facts" ("hour")
       INCLUDE ("ward", "category", "channel", "tb", "cb", "actionable", "duplicate", "rejected",
                "needs_review", "case_id", "solved", "arrests")`,
    );
    await q.query(`DROP TABLE "funnel_case_hours"`);
    await q.query(`DROP TABLE "funnel_rollup_hour"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "funnel_rollup_hour" ("category" text NOT NULL, "channel" text NOT NULL,
        "hour" TIMESTAMP WITH TIME ZONE NOT NULL, "ward" text NOT NULL,
        "received" integer NOT NULL, "actionable" integer NOT NULL, "duplicate" integer NOT NULL,
        "rejected" integer NOT NULL, "needs_review" integer NOT NULL DEFAULT 0,
        "linked" integer NOT NULL,
        "triage_hist" jsonb NOT NULL DEFAULT '{}'::jsonb, "claim_hist" jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT "PK_funnel_rollup_hour" PRIMARY KEY ("category", "channel", "hour", "ward"))`,
    );
    await q.query(
      `CREATE TABLE "funnel_case_hours" ("category" text NOT NULL, "channel" text NOT NULL,
        "hour" TIMESTAMP WITH TIME ZONE NOT NULL, "ward" text NOT NULL, "case_id" uuid NOT NULL,
        "solved" boolean NOT NULL, "arrests" integer NOT NULL,
        CONSTRAINT "PK_funnel_case_hours" PRIMARY KEY ("category", "channel", "hour", "ward", "case_id"))`,
    );
    await q.query(`CREATE INDEX "funnel_case_hours_case_idx" ON "funnel_case_hours" ("case_id")`);
    await q.query(`SET LOCAL work_mem = '128MB'`);
    const grains = `LATERAL (VALUES (f.category, f.channel), (f.category, '*'), ('*', f.channel), ('*', '*')) g(category, channel)`;
    await q.query(
      `WITH src AS MATERIALIZED (
         SELECT f.hour, f.ward, g.category, g.channel, f.tb, f.cb, f.actionable, f.duplicate,
                f.rejected, f.needs_review, f.case_id
         FROM funnel_tip_facts f, ${grains}),
       counts AS (
         SELECT hour, ward, category, channel, count(*)::int AS received,
           count(*) FILTER (WHERE actionable)::int AS actionable,
           count(*) FILTER (WHERE duplicate)::int AS duplicate,
           count(*) FILTER (WHERE rejected)::int AS rejected,
           count(*) FILTER (WHERE needs_review)::int AS needs_review,
           count(*) FILTER (WHERE case_id IS NOT NULL)::int AS linked
         FROM src GROUP BY 1, 2, 3, 4),
       th AS (SELECT hour, ward, category, channel, jsonb_object_agg(tb, n) AS h
              FROM (SELECT hour, ward, category, channel, tb, count(*) AS n FROM src
                    WHERE tb IS NOT NULL GROUP BY 1, 2, 3, 4, 5) x GROUP BY 1, 2, 3, 4),
       ch AS (SELECT hour, ward, category, channel, jsonb_object_agg(cb, n) AS h
              FROM (SELECT hour, ward, category, channel, cb, count(*) AS n FROM src
                    WHERE cb IS NOT NULL GROUP BY 1, 2, 3, 4, 5) x GROUP BY 1, 2, 3, 4)
       INSERT INTO funnel_rollup_hour (hour, ward, category, channel, received, actionable,
         duplicate, rejected, needs_review, linked, triage_hist, claim_hist)
       SELECT c.hour, c.ward, c.category, c.channel, c.received, c.actionable, c.duplicate,
              c.rejected, c.needs_review, c.linked, COALESCE(th.h, '{}'::jsonb),
              COALESCE(ch.h, '{}'::jsonb)
       FROM counts c
       LEFT JOIN th USING (hour, ward, category, channel)
       LEFT JOIN ch USING (hour, ward, category, channel)`,
    );
    await q.query(
      `INSERT INTO funnel_case_hours (category, channel, hour, ward, case_id, solved, arrests)
       SELECT g.category, g.channel, f.hour, f.ward, f.case_id, bool_or(f.solved), max(f.arrests)
       FROM funnel_tip_facts f, ${grains} WHERE f.case_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5`,
    );
    await q.query(`DROP INDEX "funnel_tip_facts_hour_idx"`);
  }
}
