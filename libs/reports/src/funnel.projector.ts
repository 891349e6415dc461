import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PeriodicTask } from '@app/dispatch';

const WATERMARK = 'funnel';
const CASES_WATERMARK = 'cases';
/** Extra look-back for clock skew between sessions (recompute is idempotent). */
const OVERLAP_SECONDS = 15;
const INTERVAL_MS = 1000;
const LOCK = 73_201_002;
const TABLES = ['funnel_rollup', 'funnel_rollup_month', 'funnel_case_keys', 'funnel_case_firsts'];

/**
 * The tips of one (k.day, k.ward), read through tips_ward_received_idx. OFFSET 0 keeps the
 * subquery a parameterised scan per key: joined plainly, the planner misjudged the range and
 * merged the keys with all of tips by ward (the whole table per chunk, minutes at 3 M tips).
 */
const dayTips = (columns: string) =>
  `SELECT ${columns} FROM tips WHERE ward = k.ward
     AND received_at >= k.day::timestamp AT TIME ZONE 'UTC'
     AND received_at < (k.day + 1)::timestamp AT TIME ZONE 'UTC' OFFSET 0`;

/** The (category, channel) grains each tip counts in: itself, and '*' for "any". */
const grains = (t: string) =>
  `LATERAL (VALUES (${t}.category, ${t}.channel), (${t}.category, '*'), ('*', ${t}.channel), ('*', '*')) g(category, channel)`;

/**
 * Keeps the funnel's reporting tables in step with the tips. Every second it recomputes, from the
 * tips themselves, the days and wards that saw a change: counts are recomputed, never
 * incremented, so a redelivered event or a second projector changes nothing, and the tables can be
 * rebuilt from the record at any time (`rebuild`).
 */
@Injectable()
export class FunnelProjector extends PeriodicTask {
  protected readonly logger = new Logger(FunnelProjector.name);

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  protected intervalMs(): number {
    return INTERVAL_MS;
  }

  protected tick(): Promise<unknown> {
    return this.projectOnce();
  }

  /** Recomputes what changed since the last pass; returns the number of (day, ward) recomputed. */
  async projectOnce(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const [lock]: { ok: boolean }[] = await m.query(
        `SELECT pg_try_advisory_xact_lock($1) AS ok`,
        [LOCK],
      );
      if (!lock.ok) return 0;
      // The next pass starts from now, or from the start of the oldest transaction still
      // writing: its rows carry changed_at >= its start and become visible only at its commit,
      // however long it runs.
      const [{ now }]: { now: Date }[] = await m.query(
        `SELECT LEAST(clock_timestamp(), COALESCE((
           SELECT min(xact_start) FROM pg_stat_activity
           WHERE datname = current_database() AND backend_xid IS NOT NULL
             AND pid <> pg_backend_pid()), clock_timestamp())) AS now`,
      );
      const marks: { at: Date }[] = await m.query(
        `SELECT at FROM report_watermarks WHERE name = $1`,
        [WATERMARK],
      );
      // No watermark: a rebuild from the record, starting from empty tables.
      if (marks.length === 0) await m.query(`TRUNCATE ${TABLES.join(', ')}`);
      const since = marks[0]?.at ?? new Date(0);
      const touched: { day: string; ward: string }[] = await m.query(
        `SELECT DISTINCT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, ward
         FROM tips WHERE changed_at >= $1::timestamptz - make_interval(secs => $2)`,
        [since.toISOString(), OVERLAP_SECONDS],
      );
      if (touched.length > 0) await this.recompute(m, touched, marks.length === 0);
      const cases = await this.projectCases(m);
      await m.query(
        `INSERT INTO report_watermarks (name, at) VALUES ($1, $3), ($2, $3)
         ON CONFLICT (name) DO UPDATE SET at = EXCLUDED.at`,
        [WATERMARK, CASES_WATERMARK, now.toISOString()],
      );
      return touched.length + cases;
    });
  }

  /** Forgets the watermarks: the next pass empties the tables and recomputes them from the record. */
  async rebuild(): Promise<number> {
    await this.dataSource.query(`DELETE FROM report_watermarks WHERE name IN ($1, $2)`, [
      WATERMARK,
      CASES_WATERMARK,
    ]);
    return this.projectOnce();
  }

  /**
   * The annual report's case figures: every case changed or given an arrest since the last pass
   * gets its facts row recomputed from the record, and the days it left or joined are summed
   * again. Returns the number of cases recomputed.
   */
  private async projectCases(m: EntityManager): Promise<number> {
    const marks: { at: Date }[] = await m.query(
      `SELECT at FROM report_watermarks WHERE name = $1`,
      [CASES_WATERMARK],
    );
    if (marks.length === 0) await m.query(`TRUNCATE case_facts, case_rollup`);
    const since = (marks[0]?.at ?? new Date(0)).toISOString();
    await m.query(`CREATE TEMP TABLE case_pass (case_id uuid PRIMARY KEY) ON COMMIT DROP`);
    await m.query(
      `INSERT INTO case_pass
       SELECT id FROM cases WHERE changed_at >= $1::timestamptz - make_interval(secs => $2)
       UNION SELECT case_id FROM arrests WHERE created_at >= $1::timestamptz - make_interval(secs => $2)
       ON CONFLICT DO NOTHING`,
      [since, OVERLAP_SECONDS],
    );
    const [{ changed }]: { changed: number }[] = await m.query(
      `SELECT count(*)::int AS changed FROM case_pass`,
    );
    if (changed === 0) return 0;
    await m.query(`CREATE TEMP TABLE case_pass_days (day date) ON COMMIT DROP`);
    await m.query(
      `WITH gone AS (DELETE FROM case_facts f USING case_pass p WHERE f.case_id = p.case_id
                     RETURNING f.day)
       INSERT INTO case_pass_days SELECT day FROM gone`,
    );
    await m.query(
      `WITH facts AS (
         INSERT INTO case_facts (case_id, day, kind, severity, solved, arrests)
         SELECT c.id, (c.occurred_at AT TIME ZONE 'UTC')::date, c.kind, c.severity,
                COALESCE(c.resolution = 'solved', false),
                (SELECT count(*) FROM arrests a WHERE a.case_id = c.id)::int
         FROM cases c JOIN case_pass p ON p.case_id = c.id
         RETURNING day)
       INSERT INTO case_pass_days SELECT day FROM facts`,
    );
    await m.query(
      `DELETE FROM case_rollup r USING (SELECT DISTINCT day FROM case_pass_days) d WHERE r.day = d.day`,
    );
    await m.query(
      `INSERT INTO case_rollup (day, kind, severity, cases, solved, arrests)
       SELECT f.day, f.kind, f.severity, count(*)::int, count(*) FILTER (WHERE f.solved)::int,
              sum(f.arrests)::int
       FROM (SELECT DISTINCT day FROM case_pass_days) d JOIN case_facts f ON f.day = d.day
       GROUP BY 1, 2, 3`,
    );
    if (changed >= 1000) await m.query(`ANALYZE case_facts, case_rollup`);
    return changed;
  }

  /** The month rows of the touched (month, ward), summed from their day rows. */
  private async recomputeMonths(
    m: EntityManager,
    touched: { day: string; ward: string }[],
  ): Promise<void> {
    const months = [...new Set(touched.map((t) => `${t.day.slice(0, 7)}-01|${t.ward}`))];
    const params = [months.map((k) => k.split('|')[0]), months.map((k) => k.split('|')[1])];
    const keys = `SELECT d::date AS month, w AS ward FROM unnest($1::text[], $2::text[]) AS k(d, w)`;
    await m.query(
      `DELETE FROM funnel_rollup_month r USING (${keys}) k WHERE r.month = k.month AND r.ward = k.ward`,
      params,
    );
    const rows = `SELECT r.*, k.month FROM (${keys}) k JOIN funnel_rollup r ON r.ward = k.ward
                  AND r.day >= k.month AND r.day < (k.month + interval '1 month')::date`;
    const merged = (col: string) =>
      `SELECT category, channel, month, ward, jsonb_object_agg(b, n) AS h
       FROM (SELECT category, channel, month, ward, h.key AS b, sum(h.value::int) AS n
             FROM src, jsonb_each_text(${col}) h GROUP BY 1, 2, 3, 4, 5) x GROUP BY 1, 2, 3, 4`;
    await m.query(
      `WITH src AS (${rows}),
       counts AS (SELECT category, channel, month, ward, sum(received)::int AS received,
                    sum(actionable)::int AS actionable, sum(duplicate)::int AS duplicate,
                    sum(rejected)::int AS rejected, sum(needs_review)::int AS needs_review,
                    sum(linked)::int AS linked
                  FROM src GROUP BY 1, 2, 3, 4),
       th AS (${merged('triage_hist')}),
       ch AS (${merged('claim_hist')})
       INSERT INTO funnel_rollup_month (month, ward, category, channel, received, actionable,
                                        duplicate, rejected, needs_review, linked, triage_hist,
                                        claim_hist)
       SELECT c.month, c.ward, c.category, c.channel, c.received, c.actionable, c.duplicate,
              c.rejected, c.needs_review, c.linked, COALESCE(th.h, '{}'::jsonb), COALESCE(ch.h, '{}'::jsonb)
       FROM counts c
       LEFT JOIN th USING (category, channel, month, ward)
       LEFT JOIN ch USING (category, channel, month, ward)`,
      params,
    );
  }

  private async recompute(
    m: EntityManager,
    touched: { day: string; ward: string }[],
    fromEmpty: boolean,
  ): Promise<void> {
    // A bulk pass (rebuild, import) aggregates millions of rows: hash them in memory.
    if (fromEmpty || touched.length >= 1000) await m.query(`SET LOCAL work_mem = '128MB'`);
    // Row estimates through unnest() are rough; compiling them is slower than running them.
    await m.query(`SET LOCAL jit = off`);
    // Cases seen on the touched days before this pass or now: each is recomputed whole (all its
    // days, grains and wards), since a new day of a case changes the prev_day and next_day of
    // the days beside it.
    await m.query(`CREATE TEMP TABLE funnel_pass_cases (case_id uuid PRIMARY KEY) ON COMMIT DROP`);
    await m.query(
      `CREATE TEMP TABLE funnel_pass_firsts (category text, channel text, day date, ward text)
       ON COMMIT DROP`,
    );
    for (let i = 0; i < touched.length; i += 2000) {
      const chunk = touched.slice(i, i + 2000);
      const params = [chunk.map((t) => t.day), chunk.map((t) => t.ward)];
      const keys = `SELECT d::date AS day, w AS ward FROM unnest($1::text[], $2::text[]) AS k(d, w)`;
      await m.query(
        `DELETE FROM funnel_rollup r USING (${keys}) k WHERE r.day = k.day AND r.ward = k.ward`,
        params,
      );
      // The day's tips are read once and grouped by (ward, category, channel, both buckets)
      // before the grains multiply the groups, not the tips (at 6,500 tips in a day: 180 → 105 ms).
      const base = `SELECT k.day, t.ward, t.category, t.channel,
             tt_bucket(extract(epoch FROM t.triaged_at - t.created_at)) AS tb,
             tt_bucket(extract(epoch FROM t.claimed_at - t.created_at)) AS cb,
             count(*)::int AS received,
             count(*) FILTER (WHERE t.triaged_at IS NOT NULL
                                AND t.stage NOT IN ('rejected', 'needs_review')
                                AND t.duplicate_of IS NULL)::int AS actionable,
             count(*) FILTER (WHERE t.duplicate_of IS NOT NULL)::int AS duplicate,
             count(*) FILTER (WHERE t.stage = 'rejected')::int AS rejected,
             count(*) FILTER (WHERE t.stage = 'needs_review')::int AS needs_review,
             count(*) FILTER (WHERE t.case_id IS NOT NULL)::int AS linked
        FROM (${keys}) k
        CROSS JOIN LATERAL (${dayTips(
          'ward, category, channel, stage, duplicate_of, triaged_at, case_id, created_at, claimed_at',
        )}) t
        GROUP BY 1, 2, 3, 4, 5, 6`;
      await m.query(
        `WITH base AS MATERIALIZED (${base}),
         src AS MATERIALIZED (
           SELECT b.day, b.ward, g.category, g.channel, b.tb, b.cb, b.received, b.actionable,
                  b.duplicate, b.rejected, b.needs_review, b.linked
           FROM base b, ${grains('b')}),
         counts AS (
           SELECT day, ward, category, channel, sum(received)::int AS received,
             sum(actionable)::int AS actionable, sum(duplicate)::int AS duplicate,
             sum(rejected)::int AS rejected, sum(needs_review)::int AS needs_review,
             sum(linked)::int AS linked
           FROM src GROUP BY 1, 2, 3, 4
         ),
         th AS (SELECT day, ward, category, channel, jsonb_object_agg(tb, n) AS h
                FROM (SELECT day, ward, category, channel, tb, sum(received) AS n FROM src
                      WHERE tb IS NOT NULL GROUP BY 1, 2, 3, 4, 5) x GROUP BY 1, 2, 3, 4),
         ch AS (SELECT day, ward, category, channel, jsonb_object_agg(cb, n) AS h
                FROM (SELECT day, ward, category, channel, cb, sum(received) AS n FROM src
                      WHERE cb IS NOT NULL GROUP BY 1, 2, 3, 4, 5) x GROUP BY 1, 2, 3, 4)
         INSERT INTO funnel_rollup (day, ward, category, channel, received, actionable, duplicate,
                                    rejected, needs_review, linked, triage_hist, claim_hist)
         SELECT c.day, c.ward, c.category, c.channel, c.received, c.actionable, c.duplicate,
                c.rejected, c.needs_review, c.linked, COALESCE(th.h, '{}'::jsonb), COALESCE(ch.h, '{}'::jsonb)
         FROM counts c
         LEFT JOIN th USING (day, ward, category, channel)
         LEFT JOIN ch USING (day, ward, category, channel)`,
        params,
      );
      if (fromEmpty) continue;
      // Every case key has its ('*', '*') row, so these are all the cases the day held.
      await m.query(
        `INSERT INTO funnel_pass_cases
         SELECT r.case_id FROM (${keys}) k
         JOIN funnel_case_keys r ON r.category = '*' AND r.channel = '*' AND r.day = k.day AND r.ward = k.ward
         UNION
         SELECT t.case_id FROM (${keys}) k
         CROSS JOIN LATERAL (${dayTips('case_id')}) t
         WHERE t.case_id IS NOT NULL
         ON CONFLICT DO NOTHING`,
        params,
      );
    }
    await this.recomputeMonths(m, touched);
    if (fromEmpty) {
      await m.query(
        `INSERT INTO funnel_pass_cases SELECT DISTINCT case_id FROM tips WHERE case_id IS NOT NULL`,
      );
    } else {
      // The per-day first counts these cases were part of are recomputed below.
      await m.query(
        `WITH gone AS (
           DELETE FROM funnel_case_keys r USING funnel_pass_cases p
           WHERE r.case_id = p.case_id RETURNING r.category, r.channel, r.day, r.ward, r.prev_day)
         INSERT INTO funnel_pass_firsts SELECT category, channel, day, ward FROM gone
         WHERE prev_day IS NULL`,
      );
    }
    await m.query(`ANALYZE funnel_pass_cases`);
    // One row per case, grain, ward ('*' too) and day it has tips; the case's outcome on each
    // (as projected onto its tips by the outcome worker), and its previous and next day in that
    // grain.
    await m.query(
      `WITH outcome AS (
         SELECT t.case_id, COALESCE(bool_or(t.case_resolution = 'solved'), false) AS solved,
                max(t.arrests) AS arrests
         FROM tips t JOIN funnel_pass_cases p ON p.case_id = t.case_id GROUP BY t.case_id),
       days AS (
         SELECT DISTINCT g.category, g.channel, w.ward, t.case_id,
                (t.received_at AT TIME ZONE 'UTC')::date AS day
         FROM tips t JOIN funnel_pass_cases p ON p.case_id = t.case_id,
         ${grains('t')}, LATERAL (VALUES (t.ward), ('*')) w(ward)),
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
    await m.query(
      `INSERT INTO funnel_pass_firsts
       SELECT r.category, r.channel, r.day, r.ward
       FROM funnel_case_keys r JOIN funnel_pass_cases p ON p.case_id = r.case_id
       WHERE r.prev_day IS NULL`,
    );
    await m.query(
      `DELETE FROM funnel_case_firsts f USING (SELECT DISTINCT * FROM funnel_pass_firsts) k
       WHERE f.category = k.category AND f.channel = k.channel AND f.day = k.day AND f.ward = k.ward`,
    );
    await m.query(
      `INSERT INTO funnel_case_firsts (category, channel, day, ward, cases, solved, arrests)
       SELECT r.category, r.channel, r.day, r.ward, count(*)::int,
              count(*) FILTER (WHERE r.solved)::int, COALESCE(sum(r.arrests), 0)::int
       FROM (SELECT DISTINCT * FROM funnel_pass_firsts) k
       JOIN funnel_case_keys r ON r.category = k.category AND r.channel = k.channel
        AND r.day = k.day AND r.ward = k.ward AND r.prev_day IS NULL
       GROUP BY 1, 2, 3, 4`,
    );
    // After a bulk change (a rebuild, an import) the planner needs to see the new rows.
    if (fromEmpty || touched.length >= 1000) await m.query(`ANALYZE ${TABLES.join(', ')}`);
  }
}
