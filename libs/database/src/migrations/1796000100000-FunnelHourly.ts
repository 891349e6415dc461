import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The funnel kept by difference, by the hour.
 *
 * - `funnel_tip_facts`: what each tip last added to the funnel (its hour, ward, grain, duration
 *   buckets, counts, case and outcome). The projector compares a changed tip with its facts and
 *   adds only the difference to the rollups, in the transaction that records the new facts: a
 *   tip seen twice, or a pass begun again after a crash, adds nothing twice.
 * - `funnel_rollup_hour`: `funnel_rollup` per UTC hour, so the cut days at the ends of a range
 *   are read from the rollup, not from the tips.
 * - `funnel_case_hours`: one row per case, grain, ward and hour it has tips, with its outcome:
 *   the cases of a cut day's whole hours.
 * - `tt_hist_add(a, b)`: two duration histograms merged bucket by bucket (empty buckets dropped).
 *
 * The new tables are filled from the tips here, and the day, month and case tables recomputed
 * from the same facts, so a migrated database reports what it reported before.
 */
export class FunnelHourly1796000100000 implements MigrationInterface {
  name = 'FunnelHourly1796000100000';

  public async up(q: QueryRunner): Promise<void> {
    const [{ start }] = (await q.query(
      `SELECT LEAST(clock_timestamp(), COALESCE((
         SELECT min(xact_start) FROM pg_stat_activity
         WHERE datname = current_database() AND backend_xid IS NOT NULL
           AND pid <> pg_backend_pid()), clock_timestamp())) AS start`,
    )) as { start: Date }[];
    await q.query(
      `CREATE FUNCTION tt_hist_add(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
       $$ SELECT COALESCE(jsonb_object_agg(key, n), '{}'::jsonb)
          FROM (SELECT key, sum(value::int) AS n
                FROM (SELECT * FROM jsonb_each_text(a) UNION ALL SELECT * FROM jsonb_each_text(b)) x
                GROUP BY key) y
          WHERE n <> 0 $$`,
    );
    await q.query(
      `CREATE TABLE "funnel_tip_facts" ("tip_id" uuid NOT NULL,
        "hour" TIMESTAMP WITH TIME ZONE NOT NULL, "ward" text NOT NULL, "category" text NOT NULL,
        "channel" text NOT NULL, "tb" smallint, "cb" smallint, "actionable" boolean NOT NULL,
        "duplicate" boolean NOT NULL, "rejected" boolean NOT NULL, "needs_review" boolean NOT NULL,
        "case_id" uuid, "solved" boolean NOT NULL, "arrests" integer NOT NULL,
        CONSTRAINT "PK_funnel_tip_facts" PRIMARY KEY ("tip_id"))`,
    );
    await q.query(
      `CREATE INDEX "funnel_tip_facts_case_idx" ON "funnel_tip_facts" ("case_id")
       WHERE case_id IS NOT NULL`,
    );
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

    // The backfill: every tip's facts, then the rollups and case tables from them.
    await q.query(`SET LOCAL work_mem = '128MB'`);
    await q.query(
      `INSERT INTO funnel_tip_facts
       SELECT t.id, date_trunc('hour', t.received_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
         t.ward, t.category, t.channel,
         tt_bucket(extract(epoch FROM t.triaged_at - t.created_at)),
         tt_bucket(extract(epoch FROM t.claimed_at - t.created_at)),
         t.triaged_at IS NOT NULL AND t.stage NOT IN ('rejected', 'needs_review') AND t.duplicate_of IS NULL,
         t.duplicate_of IS NOT NULL, t.stage = 'rejected', t.stage = 'needs_review',
         t.case_id, COALESCE(t.case_resolution = 'solved', false), t.arrests
       FROM tips t`,
    );
    await q.query(
      `TRUNCATE "funnel_rollup", "funnel_rollup_month", "funnel_case_keys", "funnel_case_firsts"`,
    );
    const grains = `LATERAL (VALUES (b.category, b.channel), (b.category, '*'), ('*', b.channel), ('*', '*')) g(category, channel)`;
    for (const [table, key, of] of [
      ['funnel_rollup_hour', 'hour', 'f.hour'],
      ['funnel_rollup', 'day', `(f.hour AT TIME ZONE 'UTC')::date`],
      ['funnel_rollup_month', 'month', `date_trunc('month', f.hour AT TIME ZONE 'UTC')::date`],
    ]) {
      await q.query(
        `WITH base AS MATERIALIZED (
           SELECT ${of} AS k, f.ward, f.category, f.channel, f.tb, f.cb, count(*)::int AS received,
             count(*) FILTER (WHERE f.actionable)::int AS actionable,
             count(*) FILTER (WHERE f.duplicate)::int AS duplicate,
             count(*) FILTER (WHERE f.rejected)::int AS rejected,
             count(*) FILTER (WHERE f.needs_review)::int AS needs_review,
             count(*) FILTER (WHERE f.case_id IS NOT NULL)::int AS linked
           FROM funnel_tip_facts f GROUP BY 1, 2, 3, 4, 5, 6),
         src AS MATERIALIZED (
           SELECT b.k, b.ward, g.category, g.channel, b.tb, b.cb, b.received, b.actionable,
                  b.duplicate, b.rejected, b.needs_review, b.linked
           FROM base b, ${grains}),
         counts AS (
           SELECT k, ward, category, channel, sum(received)::int AS received,
             sum(actionable)::int AS actionable, sum(duplicate)::int AS duplicate,
             sum(rejected)::int AS rejected, sum(needs_review)::int AS needs_review,
             sum(linked)::int AS linked
           FROM src GROUP BY 1, 2, 3, 4),
         th AS (SELECT k, ward, category, channel, jsonb_object_agg(tb, n) AS h
                FROM (SELECT k, ward, category, channel, tb, sum(received) AS n FROM src
                      WHERE tb IS NOT NULL GROUP BY 1, 2, 3, 4, 5) x GROUP BY 1, 2, 3, 4),
         ch AS (SELECT k, ward, category, channel, jsonb_object_agg(cb, n) AS h
                FROM (SELECT k, ward, category, channel, cb, sum(received) AS n FROM src
                      WHERE cb IS NOT NULL GROUP BY 1, 2, 3, 4, 5) x GROUP BY 1, 2, 3, 4)
         INSERT INTO ${table} (${key}, ward, category, channel, received, actionable, duplicate,
                               rejected, needs_review, linked, triage_hist, claim_hist)
         SELECT c.k, c.ward, c.category, c.channel, c.received, c.actionable, c.duplicate,
                c.rejected, c.needs_review, c.linked, COALESCE(th.h, '{}'::jsonb), COALESCE(ch.h, '{}'::jsonb)
         FROM counts c
         LEFT JOIN th USING (k, ward, category, channel)
         LEFT JOIN ch USING (k, ward, category, channel)`,
      );
    }
    const caseGrains = grains.replace(/\bb\./g, 'f.');
    await q.query(
      `WITH outcome AS (
         SELECT case_id, bool_or(solved) AS solved, max(arrests) AS arrests
         FROM funnel_tip_facts WHERE case_id IS NOT NULL GROUP BY case_id),
       days AS (
         SELECT DISTINCT g.category, g.channel, w.ward, f.case_id,
                (f.hour AT TIME ZONE 'UTC')::date AS day
         FROM funnel_tip_facts f, ${caseGrains}, LATERAL (VALUES (f.ward), ('*')) w(ward)
         WHERE f.case_id IS NOT NULL),
       keyed AS (
         SELECT d.*, lag(d.day) OVER w AS prev_day, lead(d.day) OVER w AS next_day
         FROM days d
         WINDOW w AS (PARTITION BY d.category, d.channel, d.ward, d.case_id ORDER BY d.day))
       INSERT INTO funnel_case_keys (day, ward, category, channel, case_id, solved, arrests,
                                     prev_day, next_day, gap_class)
       SELECT k.day, k.ward, k.category, k.channel, k.case_id, o.solved, o.arrests, k.prev_day,
              k.next_day,
              CASE WHEN k.prev_day IS NOT NULL
                   THEN length(ltrim((k.day - k.prev_day)::bit(32)::text, '0')) - 1 END
       FROM keyed k JOIN outcome o USING (case_id)`,
    );
    await q.query(
      `INSERT INTO funnel_case_firsts (category, channel, day, ward, cases, solved, arrests)
       SELECT category, channel, day, ward, count(*)::int, count(*) FILTER (WHERE solved)::int,
              COALESCE(sum(arrests), 0)::int
       FROM funnel_case_keys WHERE prev_day IS NULL GROUP BY 1, 2, 3, 4`,
    );
    await q.query(
      `INSERT INTO funnel_case_hours (category, channel, hour, ward, case_id, solved, arrests)
       SELECT g.category, g.channel, f.hour, f.ward, f.case_id, bool_or(f.solved), max(f.arrests)
       FROM funnel_tip_facts f, ${caseGrains} WHERE f.case_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5`,
    );
    await q.query(
      `INSERT INTO report_watermarks (name, at) VALUES ('funnel', $1)
       ON CONFLICT (name) DO UPDATE SET at = EXCLUDED.at`,
      [start],
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    // The day, month and case tables are left as they are: the same figures, kept from here on
    // by recomputing them from the tips.
    await q.query(`DELETE FROM "report_watermarks" WHERE "name" = 'funnel'`);
    await q.query(`DROP TABLE "funnel_case_hours"`);
    await q.query(`DROP TABLE "funnel_rollup_hour"`);
    await q.query(`DROP TABLE "funnel_tip_facts"`);
    await q.query(`DROP FUNCTION tt_hist_add(jsonb, jsonb)`);
  }
}
