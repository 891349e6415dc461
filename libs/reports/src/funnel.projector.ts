import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PeriodicTask } from '@app/dispatch';

const WATERMARK = 'funnel';
/** Extra look-back for clock skew between sessions (recompute is idempotent). */
const OVERLAP_SECONDS = 15;
const INTERVAL_MS = 1000;
const LOCK = 73_201_002;

/** The (category, channel) grains each tip counts in: itself, and '*' for "any". */
const GRAINS = `LATERAL (VALUES (t.category, t.channel), (t.category, '*'), ('*', t.channel), ('*', '*')) g(category, channel)`;

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
      const since = marks[0]?.at ?? new Date(0);
      const touched: { day: string; ward: string }[] = await m.query(
        `SELECT DISTINCT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, ward
         FROM tips WHERE changed_at >= $1::timestamptz - make_interval(secs => $2)`,
        [since.toISOString(), OVERLAP_SECONDS],
      );
      if (touched.length > 0) await this.recompute(m, touched);
      await m.query(
        `INSERT INTO report_watermarks (name, at) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET at = EXCLUDED.at`,
        [WATERMARK, now.toISOString()],
      );
      return touched.length;
    });
  }

  /** Forgets the watermark: the next pass recomputes every day and ward from the tips. */
  async rebuild(): Promise<number> {
    await this.dataSource.query(`DELETE FROM report_watermarks WHERE name = $1`, [WATERMARK]);
    await this.dataSource.query(`TRUNCATE funnel_rollup, funnel_case_keys`);
    return this.projectOnce();
  }

  private async recompute(
    m: EntityManager,
    touched: { day: string; ward: string }[],
  ): Promise<void> {
    for (let i = 0; i < touched.length; i += 2000) {
      const chunk = touched.slice(i, i + 2000);
      const params = [chunk.map((t) => t.day), chunk.map((t) => t.ward)];
      const keys = `SELECT d::date AS day, w AS ward FROM unnest($1::text[], $2::text[]) AS k(d, w)`;
      await m.query(
        `DELETE FROM funnel_rollup r USING (${keys}) k WHERE r.day = k.day AND r.ward = k.ward`,
        params,
      );
      await m.query(
        `DELETE FROM funnel_case_keys r USING (${keys}) k WHERE r.day = k.day AND r.ward = k.ward`,
        params,
      );
      const src = `SELECT k.day, t.ward, g.category, g.channel, t.stage, t.duplicate_of, t.triaged_at,
             t.rejected_reason, t.case_id, t.case_resolution = 'solved' AS solved, t.arrests,
             tt_bucket(extract(epoch FROM t.triaged_at - t.created_at)) AS tb,
             tt_bucket(extract(epoch FROM t.claimed_at - t.created_at)) AS cb
        FROM (${keys}) k
        JOIN tips t ON t.ward = k.ward
         AND t.received_at >= k.day::timestamp AT TIME ZONE 'UTC'
         AND t.received_at < (k.day + 1)::timestamp AT TIME ZONE 'UTC',
        ${GRAINS}`;
      await m.query(
        `WITH src AS (${src}),
         counts AS (
           SELECT day, ward, category, channel, count(*)::int AS received,
             count(*) FILTER (WHERE triaged_at IS NOT NULL AND rejected_reason IS NULL AND duplicate_of IS NULL)::int AS actionable,
             count(*) FILTER (WHERE duplicate_of IS NOT NULL)::int AS duplicate,
             count(*) FILTER (WHERE stage = 'rejected')::int AS rejected,
             count(*) FILTER (WHERE case_id IS NOT NULL)::int AS linked
           FROM src GROUP BY 1, 2, 3, 4
         ),
         th AS (SELECT day, ward, category, channel, jsonb_object_agg(tb, n) AS h
                FROM (SELECT day, ward, category, channel, tb, count(*) AS n FROM src
                      WHERE tb IS NOT NULL GROUP BY 1, 2, 3, 4, 5) x GROUP BY 1, 2, 3, 4),
         ch AS (SELECT day, ward, category, channel, jsonb_object_agg(cb, n) AS h
                FROM (SELECT day, ward, category, channel, cb, count(*) AS n FROM src
                      WHERE cb IS NOT NULL GROUP BY 1, 2, 3, 4, 5) x GROUP BY 1, 2, 3, 4)
         INSERT INTO funnel_rollup (day, ward, category, channel, received, actionable, duplicate,
                                    rejected, linked, triage_hist, claim_hist)
         SELECT c.day, c.ward, c.category, c.channel, c.received, c.actionable, c.duplicate,
                c.rejected, c.linked, COALESCE(th.h, '{}'::jsonb), COALESCE(ch.h, '{}'::jsonb)
         FROM counts c
         LEFT JOIN th USING (day, ward, category, channel)
         LEFT JOIN ch USING (day, ward, category, channel)`,
        params,
      );
      await m.query(
        `INSERT INTO funnel_case_keys (day, ward, category, channel, case_id, solved, arrests)
         SELECT DISTINCT ON (day, ward, category, channel, case_id)
                day, ward, category, channel, case_id, COALESCE(solved, false), arrests
         FROM (${src}) s WHERE case_id IS NOT NULL`,
        params,
      );
    }
  }
}
