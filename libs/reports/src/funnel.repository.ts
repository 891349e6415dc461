import { Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ReportReader } from '@app/database';

const LOCK = 73_201_002;
/** Gap classes 0..16 cover gaps of up to 2^17 days between two days of a case. */
const MAX_GAP_CLASS = 16;
const DAY_MS = 86_400_000;

/** The reporting tables the funnel projector derives from the tips. */
const FUNNEL_TABLES = [
  'funnel_tip_facts',
  'funnel_rollup',
  'funnel_rollup_month',
  'funnel_case_keys',
  'funnel_case_firsts',
];

/** The (category, channel) grains a row counts in: its own, and '*' for "any". */
const grains = (t: string) =>
  `LATERAL (VALUES (${t}.category, ${t}.channel), (${t}.category, '*'), ('*', ${t}.channel), ('*', '*')) g(category, channel)`;

/**
 * What one tip adds to the funnel, in funnel_tip_facts' column order: its hour, ward and grain,
 * its two duration buckets, the counts it is in, and its case with the outcome carried onto it.
 */
const TIP_FACTS = `t.id, date_trunc('hour', t.received_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
  t.ward, t.category, t.channel,
  tt_bucket(extract(epoch FROM t.triaged_at - t.created_at)),
  tt_bucket(extract(epoch FROM t.claimed_at - t.created_at)),
  t.triaged_at IS NOT NULL AND t.stage NOT IN ('rejected', 'needs_review') AND t.duplicate_of IS NULL,
  t.duplicate_of IS NOT NULL, t.stage = 'rejected', t.stage = 'needs_review',
  t.case_id, COALESCE(t.case_resolution = 'solved', false), t.arrests`;

const FACT_COLUMNS = `hour, ward, category, channel, tb, cb, actionable, duplicate, rejected,
  needs_review, case_id, solved, arrests`;
const CASE_FACT_COLUMNS = 'case_id, hour, ward, category, channel, solved, arrests';

/**
 * The tips a pass may not have added yet: changed since the funnel's watermark `mark` (SQL; less
 * the projector's overlap), through tips_changed_idx. Read in the same statement as the tip facts,
 * a cut day's hours are as fresh as its tips: the facts, plus these tips' facts now, less the
 * facts recorded for them. A watermark read before the statement is at most older than the
 * facts: the tips it adds were recorded already, and add nothing.
 */
const pending = (mark: string) => `SELECT t.* FROM tips t
  WHERE t.changed_at >= ${mark}::timestamptz - interval '15 seconds'`;

/** The columns a cut day's counts read from a tip's facts, with `s` (+1 counted in, -1 out). */
const CUT_COLUMNS =
  's, ward, category, channel, tb, cb, actionable, duplicate, rejected, needs_review, case_id';

/**
 * The rollups a tip's facts are summed into: the day's and the month's. The hours of a cut day
 * are read from the facts themselves (funnel_tip_facts_hour_idx).
 */
const ROLLUPS = [
  { table: 'funnel_rollup', key: 'day', of: `(d.hour AT TIME ZONE 'UTC')::date` },
  {
    table: 'funnel_rollup_month',
    key: 'month',
    of: `date_trunc('month', d.hour AT TIME ZONE 'UTC')::date`,
  },
] as const;

const COLUMNS =
  'ward, received, actionable, duplicate, rejected, needs_review, linked, triage_hist, claim_hist';

export interface WardCounts {
  ward: string;
  received: number;
  actionable: number;
  duplicate: number;
  rejected: number;
  needs_review: number;
  linked: number;
}

export interface CriminalCases {
  occurred: number;
  solved: number;
  arrests: number;
  severe_occurred: number;
  severe_solved: number;
}

export type HistRow = { ward: string; b: number; n: number };
export type CaseCounts = { ward: string; cases: number; resolved: number; arrests: number };
/** A range of whole hours, or of tips (less than an hour at each end of a cut day), ISO bounds. */
export type Span = [string, string];

/** A grain of the funnel: category and channel ('*' for any), and one ward or all (null). */
export interface Grain {
  category: string;
  channel: string;
  ward: string | null;
}

/** Which end of the whole days a cut day lies at: 's' before them, 'e' after, '-' no whole day. */
export type Side = 's' | 'e' | '-';

export interface CutDay {
  side: Side;
  /** Whole hours, read from the tips' facts by hour. */
  hours: Span[];
  /** The minutes before the first and after the last whole hour, read from the tips. */
  tips: Span[];
}

/** First day of the month of a 'YYYY-MM-DD' day, or of the next month when `up` and not already. */
function monthOf(d: string, up: boolean): string {
  const first = `${d.slice(0, 7)}-01`;
  if (!up || first === d) return first;
  const t = new Date(`${first}T00:00:00Z`);
  t.setUTCMonth(t.getUTCMonth() + 1);
  return t.toISOString().slice(0, 10);
}

/**
 * The rollup rows of a grain over the whole days [d0, d1) (null: unbounded; `days` null: no
 * whole day): whole months from funnel_rollup_month, the days before the first and after the
 * last whole month from funnel_rollup.
 */
export function rollupSource(
  g: Grain,
  days: [string | null, string | null] | null,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [g.category, g.channel, g.ward];
  const at = (v: string) => {
    params.push(v);
    return `$${params.length}::date`;
  };
  const grain = `category = $1 AND channel = $2 AND ($3::text IS NULL OR ward = $3::text)`;
  const range = (col: string, a: string | null, b: string | null) =>
    [a === null ? '' : ` AND ${col} >= ${at(a)}`, b === null ? '' : ` AND ${col} < ${at(b)}`].join(
      '',
    );
  const arms: string[] = [];
  if (days) {
    const [d0, d1] = days;
    const m0 = d0 === null ? null : monthOf(d0, true);
    const m1 = d1 === null ? null : monthOf(d1, false);
    const months = m0 === null || m1 === null || m0 < m1;
    if (!months) {
      arms.push(`SELECT ${COLUMNS} FROM funnel_rollup WHERE ${grain}${range('day', d0, d1)}`);
    } else {
      if (d0 !== null && d0 < m0!)
        arms.push(`SELECT ${COLUMNS} FROM funnel_rollup WHERE ${grain}${range('day', d0, m0)}`);
      arms.push(
        `SELECT ${COLUMNS} FROM funnel_rollup_month WHERE ${grain}${range('month', m0, m1)}`,
      );
      if (d1 !== null && m1! < d1)
        arms.push(`SELECT ${COLUMNS} FROM funnel_rollup WHERE ${grain}${range('day', m1, d1)}`);
    }
  }
  if (arms.length === 0) arms.push(`SELECT ${COLUMNS} FROM funnel_rollup WHERE ${grain} AND false`);
  return { sql: `(${arms.join(' UNION ALL ')}) src`, params };
}

/**
 * The facts of the tips of a grain received on the cut days `cut`, as rows of CUT_COLUMNS (null
 * when there are none): over their whole hours the recorded facts (funnel_tip_facts by hour),
 * plus the facts now of the tips changed since the watermark `mark`, less the facts recorded for
 * them; over the minutes before the first and after the last whole hour, the tips' facts now.
 */
export function cutDaySource(
  g: Grain,
  cut: CutDay[],
  /** The funnel's watermark (ISO), read before: the tips changed since are added to the hours. */
  mark = '-infinity',
): { sql: string; params: unknown[] } | null {
  const params: unknown[] = [g.category, g.channel, g.ward];
  const at = (v: string) => {
    params.push(v);
    return `$${params.length}::timestamptz`;
  };
  const grain = (t: string) =>
    `($1::text = '*' OR ${t}.category = $1) AND ($2::text = '*' OR ${t}.channel = $2)
     AND ($3::text IS NULL OR ${t}.ward = $3::text)`;
  const cols = CUT_COLUMNS.split(', ')
    .slice(1)
    .map((c) => `x.${c}`)
    .join(', ');
  const arms: string[] = [];
  const inHours: string[] = [];
  for (const [h0, h1] of cut.flatMap((c) => c.hours)) {
    const b0 = at(h0);
    const b1 = at(h1);
    // One index range of funnel_tip_facts_hour_idx per range of whole hours.
    arms.push(
      `SELECT 1 AS s, ${cols} FROM funnel_tip_facts x
       WHERE x.hour >= ${b0} AND x.hour < ${b1} AND ${grain('x')}`,
    );
    inHours.push(`(x.hour >= ${b0} AND x.hour < ${b1})`);
  }
  if (inHours.length > 0) {
    const since = at(mark);
    arms.push(
      `SELECT 1 AS s, ${cols}
       FROM (SELECT ${TIP_FACTS} FROM (${pending(since)}) t) x (tip_id, ${FACT_COLUMNS})
       WHERE (${inHours.join(' OR ')}) AND ${grain('x')}`,
      `SELECT -1 AS s, ${cols} FROM (${pending(since)}) t JOIN funnel_tip_facts x ON x.tip_id = t.id
       WHERE (${inHours.join(' OR ')}) AND ${grain('x')}`,
    );
  }
  for (const [t0, t1] of cut.flatMap((c) => c.tips))
    arms.push(
      `SELECT 1 AS s, ${cols}
       FROM (SELECT ${TIP_FACTS} FROM tips t
             WHERE t.received_at >= ${at(t0)} AND t.received_at < ${at(t1)} AND ${grain('t')}) x
            (tip_id, ${FACT_COLUMNS})`,
    );
  if (arms.length === 0) return null;
  return { sql: `(${arms.join(' UNION ALL ')}) src`, params };
}

/**
 * The funnel's reporting tables: the projector's passes (tip facts, the daily and monthly
 * rollups, the case keys; the annual report's case facts) and the reports' reads.
 */
@Injectable()
export class FunnelRepository {
  constructor(
    private readonly dataSource: DataSource,
    // Where the reports' reads go (the standby named by DATABASE_READ_URL when close enough
    // behind); the projector, which writes, has none and uses the primary.
    @Optional() private readonly reader?: ReportReader,
  ) {}

  /** The source of the reports' read-only queries. */
  private async reads(): Promise<DataSource> {
    return this.reader ? this.reader.source() : this.dataSource;
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  // --- The projector's pass ---------------------------------------------------------------

  /** The projectors' lock for this transaction: false when another pass holds it. */
  async tryLockPass(m: EntityManager): Promise<boolean> {
    const [lock]: { ok: boolean }[] = await m.query(`SELECT pg_try_advisory_xact_lock($1) AS ok`, [
      LOCK,
    ]);
    return lock.ok;
  }

  /**
   * Where the next pass starts: now, or the start of the oldest transaction still writing, whose
   * rows carry changed_at >= its start and become visible only at its commit.
   */
  async passStart(m: EntityManager): Promise<Date> {
    const [{ now }]: { now: Date }[] = await m.query(
      `SELECT LEAST(clock_timestamp(), COALESCE((
         SELECT min(xact_start) FROM pg_stat_activity
         WHERE datname = current_database() AND backend_xid IS NOT NULL
           AND pid <> pg_backend_pid()), clock_timestamp())) AS now`,
    );
    return now;
  }

  async watermark(m: EntityManager, name: string): Promise<Date | null> {
    const marks: { at: Date }[] = await m.query(
      `SELECT at FROM report_watermarks WHERE name = $1`,
      [name],
    );
    return marks[0]?.at ?? null;
  }

  async setWatermarks(m: EntityManager, names: string[], at: Date): Promise<void> {
    await m.query(
      `INSERT INTO report_watermarks (name, at) SELECT unnest($1::text[]), $2
       ON CONFLICT (name) DO UPDATE SET at = EXCLUDED.at`,
      [names, at.toISOString()],
    );
  }

  async forgetWatermarks(names: string[]): Promise<void> {
    await this.dataSource.query(`DELETE FROM report_watermarks WHERE name = ANY($1::text[])`, [
      names,
    ]);
  }

  /** Empties the funnel's tables, for a rebuild from the record. */
  async clearFunnel(m: EntityManager): Promise<void> {
    await m.query(`TRUNCATE ${FUNNEL_TABLES.join(', ')}`);
  }

  /**
   * Gathers the tips changed since `since` (less `overlapSeconds`; null: every tip) whose facts
   * differ from those last summed: their new facts in funnel_pass_new, the old ones (if any) in
   * funnel_pass_old, and records the new ones. A tip seen again unchanged is not gathered, so a
   * pass repeated, or begun again after a crash, adds nothing twice. Returns how many changed.
   */
  async gatherChangedTips(
    m: EntityManager,
    since: Date | null,
    overlapSeconds: number,
  ): Promise<number> {
    await m.query(`SET LOCAL jit = off`);
    await m.query(
      `CREATE TEMP TABLE funnel_pass_new (LIKE funnel_tip_facts) ON COMMIT DROP;
       CREATE TEMP TABLE funnel_pass_old (LIKE funnel_tip_facts) ON COMMIT DROP`,
    );
    const changed = since
      ? `WHERE t.changed_at >= $1::timestamptz - make_interval(secs => $2)`
      : 'WHERE $1::timestamptz IS NULL AND $2::int IS NOT NULL';
    const [{ count }]: { count: number }[] = await m.query(
      `WITH added AS (INSERT INTO funnel_pass_new
       SELECT n.* FROM (SELECT ${TIP_FACTS} FROM tips t ${changed}) n (tip_id, ${FACT_COLUMNS})
       LEFT JOIN funnel_tip_facts f ON f.tip_id = n.tip_id
       WHERE f.tip_id IS NULL
          OR (f.${FACT_COLUMNS.split(',')
            .map((c) => c.trim())
            .join(', f.')}) IS DISTINCT FROM (n.${FACT_COLUMNS.split(',')
            .map((c) => c.trim())
            .join(', n.')})
       RETURNING 1)
       SELECT count(*)::int AS count FROM added`,
      [since?.toISOString() ?? null, overlapSeconds],
    );
    if (count === 0) return 0;
    // A bulk pass (rebuild, import) aggregates millions of rows: hash them in memory.
    if (count >= 10_000) await m.query(`SET LOCAL work_mem = '128MB'`);
    await m.query(
      `WITH gone AS (DELETE FROM funnel_tip_facts f USING funnel_pass_new n
                     WHERE f.tip_id = n.tip_id RETURNING f.*)
       INSERT INTO funnel_pass_old SELECT * FROM gone`,
    );
    await m.query(`INSERT INTO funnel_tip_facts SELECT * FROM funnel_pass_new`);
    await m.query(`ANALYZE funnel_pass_new, funnel_pass_old`);
    return count;
  }

  /**
   * Adds the gathered changes to the daily and monthly rollups: each changed tip's new
   * facts counted in, its old ones counted out, histograms merged bucket by bucket; rows left
   * with no tip go.
   */
  async applyTipDeltas(m: EntityManager): Promise<void> {
    for (const r of ROLLUPS) {
      await m.query(
        `WITH base AS MATERIALIZED (
           SELECT ${r.of} AS k, d.ward, d.category, d.channel, d.tb, d.cb, sum(d.s)::int AS received,
             (sum(d.s) FILTER (WHERE d.actionable))::int AS actionable,
             (sum(d.s) FILTER (WHERE d.duplicate))::int AS duplicate,
             (sum(d.s) FILTER (WHERE d.rejected))::int AS rejected,
             (sum(d.s) FILTER (WHERE d.needs_review))::int AS needs_review,
             (sum(d.s) FILTER (WHERE d.case_id IS NOT NULL))::int AS linked
           FROM (SELECT 1 AS s, * FROM funnel_pass_new UNION ALL SELECT -1, * FROM funnel_pass_old) d
           GROUP BY 1, 2, 3, 4, 5, 6),
         src AS MATERIALIZED (
           SELECT b.k, b.ward, g.category, g.channel, b.tb, b.cb, b.received, b.actionable,
                  b.duplicate, b.rejected, b.needs_review, b.linked
           FROM base b, ${grains('b')}),
         counts AS (
           SELECT k, ward, category, channel, sum(received)::int AS received,
             COALESCE(sum(actionable), 0)::int AS actionable,
             COALESCE(sum(duplicate), 0)::int AS duplicate,
             COALESCE(sum(rejected), 0)::int AS rejected,
             COALESCE(sum(needs_review), 0)::int AS needs_review,
             COALESCE(sum(linked), 0)::int AS linked
           FROM src GROUP BY 1, 2, 3, 4),
         th AS (SELECT k, ward, category, channel, jsonb_object_agg(tb, n) AS h
                FROM (SELECT k, ward, category, channel, tb, sum(received) AS n FROM src
                      WHERE tb IS NOT NULL GROUP BY 1, 2, 3, 4, 5) x WHERE n <> 0 GROUP BY 1, 2, 3, 4),
         ch AS (SELECT k, ward, category, channel, jsonb_object_agg(cb, n) AS h
                FROM (SELECT k, ward, category, channel, cb, sum(received) AS n FROM src
                      WHERE cb IS NOT NULL GROUP BY 1, 2, 3, 4, 5) x WHERE n <> 0 GROUP BY 1, 2, 3, 4)
         INSERT INTO ${r.table} AS r (${r.key}, ward, category, channel, received, actionable,
                                      duplicate, rejected, needs_review, linked, triage_hist, claim_hist)
         SELECT c.k, c.ward, c.category, c.channel, c.received, c.actionable, c.duplicate,
                c.rejected, c.needs_review, c.linked, COALESCE(th.h, '{}'::jsonb), COALESCE(ch.h, '{}'::jsonb)
         FROM counts c
         LEFT JOIN th USING (k, ward, category, channel)
         LEFT JOIN ch USING (k, ward, category, channel)
         ON CONFLICT (category, channel, ${r.key}, ward) DO UPDATE SET
           received = r.received + EXCLUDED.received,
           actionable = r.actionable + EXCLUDED.actionable,
           duplicate = r.duplicate + EXCLUDED.duplicate,
           rejected = r.rejected + EXCLUDED.rejected,
           needs_review = r.needs_review + EXCLUDED.needs_review,
           linked = r.linked + EXCLUDED.linked,
           triage_hist = tt_hist_add(r.triage_hist, EXCLUDED.triage_hist),
           claim_hist = tt_hist_add(r.claim_hist, EXCLUDED.claim_hist)`,
      );
      await m.query(
        `DELETE FROM ${r.table} r
         USING (SELECT DISTINCT ${r.of} AS k, d.ward FROM funnel_pass_old d) d
         WHERE r.${r.key} = d.k AND r.ward = d.ward AND r.received = 0`,
      );
    }
  }

  /**
   * Recomputes, from the tip facts, the case keys (per grain, ward and day, with the case's
   * previous and next day) of every case a changed tip joined or left, or whose outcome, time or
   * place changed; the per-day first counts follow by difference.
   * Returns the number of cases recomputed.
   */
  async recomputeChangedCases(m: EntityManager): Promise<number> {
    await m.query(
      `CREATE TEMP TABLE funnel_pass_cases (case_id uuid PRIMARY KEY) ON COMMIT DROP;
       CREATE TEMP TABLE funnel_pass_firsts (category text, channel text, day date, ward text,
         cases int, solved int, arrests int) ON COMMIT DROP`,
    );
    const [{ count }]: { count: number }[] = await m.query(
      `WITH added AS (INSERT INTO funnel_pass_cases
       SELECT n.case_id FROM funnel_pass_new n LEFT JOIN funnel_pass_old o USING (tip_id)
       WHERE n.case_id IS NOT NULL
         AND (n.${CASE_FACT_COLUMNS.split(', ').join(', n.')}) IS DISTINCT FROM
             (o.${CASE_FACT_COLUMNS.split(', ').join(', o.')})
       UNION
       SELECT o.case_id FROM funnel_pass_old o JOIN funnel_pass_new n USING (tip_id)
       WHERE o.case_id IS NOT NULL
         AND (n.${CASE_FACT_COLUMNS.split(', ').join(', n.')}) IS DISTINCT FROM
             (o.${CASE_FACT_COLUMNS.split(', ').join(', o.')})
       RETURNING 1)
       SELECT count(*)::int AS count FROM added`,
    );
    if (count === 0) return 0;
    await m.query(`ANALYZE funnel_pass_cases`);
    await m.query(
      `WITH gone AS (
         DELETE FROM funnel_case_keys r USING funnel_pass_cases p
         WHERE r.case_id = p.case_id
         RETURNING r.category, r.channel, r.day, r.ward, r.prev_day, r.solved, r.arrests)
       INSERT INTO funnel_pass_firsts
       SELECT category, channel, day, ward, -1, -solved::int, -COALESCE(arrests, 0) FROM gone
       WHERE prev_day IS NULL`,
    );
    // One row per case, grain, ward ('*' too) and day it has tips; the case's outcome on each
    // (as projected onto its tips by the outcome worker), and its previous and next day in that
    // grain.
    await m.query(
      `WITH facts AS MATERIALIZED (
         SELECT f.* FROM funnel_tip_facts f JOIN funnel_pass_cases p ON p.case_id = f.case_id),
       outcome AS (
         SELECT case_id, bool_or(solved) AS solved, max(arrests) AS arrests
         FROM facts GROUP BY case_id),
       days AS (
         SELECT DISTINCT g.category, g.channel, w.ward, f.case_id,
                (f.hour AT TIME ZONE 'UTC')::date AS day
         FROM facts f, ${grains('f')}, LATERAL (VALUES (f.ward), ('*')) w(ward)),
       keyed AS (
         SELECT d.*, lag(d.day) OVER w AS prev_day, lead(d.day) OVER w AS next_day
         FROM days d
         WINDOW w AS (PARTITION BY d.category, d.channel, d.ward, d.case_id ORDER BY d.day)),
       added AS (
         INSERT INTO funnel_case_keys (day, ward, category, channel, case_id, solved, arrests,
                                       prev_day, next_day, gap_class)
         SELECT k.day, k.ward, k.category, k.channel, k.case_id, o.solved, o.arrests, k.prev_day,
                k.next_day,
                CASE WHEN k.prev_day IS NOT NULL
                     THEN length(ltrim((k.day - k.prev_day)::bit(32)::text, '0')) - 1 END
         FROM keyed k JOIN outcome o USING (case_id)
         RETURNING category, channel, day, ward, prev_day, solved, arrests)
       INSERT INTO funnel_pass_firsts
       SELECT category, channel, day, ward, 1, solved::int, COALESCE(arrests, 0) FROM added
       WHERE prev_day IS NULL`,
    );
    await m.query(
      `INSERT INTO funnel_case_firsts AS f (category, channel, day, ward, cases, solved, arrests)
       SELECT category, channel, day, ward, sum(cases), sum(solved), sum(arrests)
       FROM funnel_pass_firsts GROUP BY 1, 2, 3, 4
       ON CONFLICT (category, channel, day, ward) DO UPDATE SET
         cases = f.cases + EXCLUDED.cases, solved = f.solved + EXCLUDED.solved,
         arrests = f.arrests + EXCLUDED.arrests`,
    );
    await m.query(
      `DELETE FROM funnel_case_firsts f USING (SELECT DISTINCT category, channel, day, ward FROM funnel_pass_firsts) k
       WHERE f.category = k.category AND f.channel = k.channel AND f.day = k.day AND f.ward = k.ward
         AND f.cases = 0`,
    );
    return count;
  }

  /** After a bulk change (a rebuild, an import) the planner needs to see the new rows. */
  async analyzeFunnel(m: EntityManager): Promise<void> {
    await m.query(`ANALYZE ${FUNNEL_TABLES.join(', ')}`);
  }

  // --- The annual report's case figures ------------------------------------------------------

  async clearCaseFacts(m: EntityManager): Promise<void> {
    await m.query(`TRUNCATE case_facts, case_rollup`);
  }

  /**
   * Every case changed or given an arrest since `since` (less the overlap) gets its facts row
   * recomputed from the record, and the days it left or joined are summed again. Returns the
   * number of cases recomputed.
   */
  async recomputeChangedCaseFacts(
    m: EntityManager,
    since: Date | null,
    overlapSeconds: number,
  ): Promise<number> {
    await m.query(`CREATE TEMP TABLE case_pass (case_id uuid PRIMARY KEY) ON COMMIT DROP`);
    await m.query(
      `INSERT INTO case_pass
       SELECT id FROM cases WHERE changed_at >= $1::timestamptz - make_interval(secs => $2)
       UNION SELECT case_id FROM arrests WHERE created_at >= $1::timestamptz - make_interval(secs => $2)
       ON CONFLICT DO NOTHING`,
      [(since ?? new Date(0)).toISOString(), overlapSeconds],
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

  // --- The reports' reads ----------------------------------------------------------------------

  /** How far the funnel projector has read (ISO), or '-infinity' before its first pass. */
  async funnelMark(): Promise<string> {
    const rows: { at: Date }[] = await (
      await this.reads()
    ).query(`SELECT at FROM report_watermarks WHERE name = 'funnel'`);
    return rows[0]?.at.toISOString() ?? '-infinity';
  }

  /** The tip counts per ward of the rollup rows `src` (rollupSource). */
  async wardCounts(src: { sql: string; params: unknown[] }): Promise<WardCounts[]> {
    return (await this.reads()).query(
      `SELECT ward, sum(received) AS received, sum(actionable) AS actionable, sum(duplicate) AS duplicate,
              sum(rejected) AS rejected, sum(needs_review) AS needs_review, sum(linked) AS linked
       FROM ${src.sql} GROUP BY ward`,
      src.params,
    );
  }

  /** A duration histogram per ward of the rollup rows `src`. */
  async wardHistogram(
    src: { sql: string; params: unknown[] },
    which: 'triage' | 'claim',
  ): Promise<HistRow[]> {
    const col = which === 'triage' ? 'triage_hist' : 'claim_hist';
    return (await this.reads()).query(
      `SELECT ward, h.key::int AS b, sum(h.value::int) AS n
       FROM ${src.sql}, jsonb_each_text(${col}) h GROUP BY ward, b`,
      src.params,
    );
  }

  /**
   * The counts of the cut days' tips `src` (cutDaySource) per ward, and their two duration
   * histograms per ward, in one pass over the rows: `tb` and `cb` both null on a ward's counts,
   * one of them set on a bucket of a histogram (its count in `received`).
   */
  async cutDayCounts(src: {
    sql: string;
    params: unknown[];
  }): Promise<(WardCounts & { tb: number | null; cb: number | null; g: number })[]> {
    return (await this.reads()).query(
      `SELECT ward, tb, cb, GROUPING(tb, cb) AS g, sum(s) AS received,
         COALESCE(sum(s) FILTER (WHERE actionable), 0) AS actionable,
         COALESCE(sum(s) FILTER (WHERE duplicate), 0) AS duplicate,
         COALESCE(sum(s) FILTER (WHERE rejected), 0) AS rejected,
         COALESCE(sum(s) FILTER (WHERE needs_review), 0) AS needs_review,
         COALESCE(sum(s) FILTER (WHERE case_id IS NOT NULL), 0) AS linked
       FROM ${src.sql}
       GROUP BY GROUPING SETS ((ward), (ward, tb), (ward, cb))`,
      src.params,
    );
  }

  /**
   * Tips past their decision deadline and neither linked nor dismissed, now, per ward, through
   * tips_decision_due_idx (a deadline passing changes no row the projector watches).
   */
  async overdueByWard(f: {
    from: string | null;
    to: string | null;
    category: string | null;
    channel: string | null;
    ward: string | null;
  }): Promise<{ ward: string; n: number }[]> {
    return (await this.reads()).query(
      `SELECT ward, count(*)::int AS n FROM tips
       WHERE decision_due_at < now() AND stage IN ('duplicate', 'lead_open', 'lead_claimed')
         AND ($1::timestamptz IS NULL OR received_at >= $1) AND ($2::timestamptz IS NULL OR received_at < $2)
         AND ($3::text IS NULL OR category = $3) AND ($4::text IS NULL OR channel = $4)
         AND ($5::text IS NULL OR ward = $5)
       GROUP BY ward`,
      [f.from, f.to, f.category, f.channel, f.ward],
    );
  }

  /**
   * Distinct cases (and of them solved, and their arrests) per ward and overall ('*'), each case
   * once. Whole days: cases whose first day in the grain falls in the range (per-day sums) plus
   * those begun earlier that carry into it (their one row crossing the range's start, found per
   * gap class in a short index range). Cut days: the cases of the tips of their whole hours
   * (from the tips' facts by hour) and of their first and last minutes (from the tips), less any
   * already counted on the whole days.
   */
  async caseCounts(
    g: Grain,
    days: [string | null, string | null] | null,
    cut: CutDay[],
    /** The funnel's watermark (ISO), read before. */
    mark = '-infinity',
  ): Promise<CaseCounts[]> {
    const params: unknown[] = [g.category, g.channel, g.ward];
    const at = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const since = at(mark);
    const liveSources: string[] = [];
    const tipsOf = (t0: string, t1: string) =>
      `received_at >= ${t0}::timestamptz AND received_at < ${t1}::timestamptz
       AND ($1 = '*' OR category = $1) AND ($2 = '*' OR channel = $2)
       AND ($3::text IS NULL OR ward = $3::text)`;
    for (const c of cut) {
      for (const [h0, h1] of c.hours) {
        const b0 = at(h0);
        const b1 = at(h1);
        // The hours' cases as the tips' facts hold them (funnel_tip_facts_hour_idx), but for the
        // cases a pending tip joined or left: those from their tips.
        liveSources.push(
          `SELECT '${c.side}'::text AS side, ward, case_id, solved, arrests FROM funnel_tip_facts
           WHERE hour >= ${b0}::timestamptz AND hour < ${b1}::timestamptz
             AND ($1 = '*' OR category = $1) AND ($2 = '*' OR channel = $2)
             AND ($3::text IS NULL OR ward = $3::text)
             AND case_id IS NOT NULL AND case_id NOT IN (SELECT case_id FROM pending_cases)`,
          `SELECT '${c.side}'::text AS side, ward, case_id,
                  COALESCE(case_resolution = 'solved', false) AS solved, arrests
           FROM tips WHERE case_id IN (SELECT case_id FROM pending_cases) AND ${tipsOf(b0, b1)}`,
        );
      }
      for (const [t0, t1] of c.tips)
        liveSources.push(
          `SELECT '${c.side}'::text AS side, ward, case_id,
                  COALESCE(case_resolution = 'solved', false) AS solved, arrests
           FROM tips WHERE ${tipsOf(at(t0), at(t1))}`,
        );
    }
    const parts: string[] = [];
    const inDays: string[] = [];
    const ctes = [
      `pending_cases AS MATERIALIZED (
         SELECT t.case_id FROM (${pending(since)}) t WHERE t.case_id IS NOT NULL
         UNION
         SELECT f.case_id FROM (${pending(since)}) t JOIN funnel_tip_facts f ON f.tip_id = t.id
         WHERE f.case_id IS NOT NULL)`,
      // Only the linked tips are kept.
      `live_tips AS MATERIALIZED (${liveSources.length > 0 ? `SELECT * FROM (${liveSources.join(' UNION ALL ')} OFFSET 0) u WHERE case_id IS NOT NULL` : 'SELECT NULL::text AS side, NULL::text AS ward, NULL::uuid AS case_id, NULL::boolean AS solved, NULL::int AS arrests WHERE false'})`,
    ];
    if (days) {
      const [d0, d1] = days;
      const dayWhere: string[] = [];
      if (d0 !== null) dayWhere.push(`day >= ${at(d0)}::date`);
      if (d1 !== null) dayWhere.push(`day < ${at(d1)}::date`);
      inDays.push(...dayWhere);
      const wardWhere = g.ward === null ? '' : ' AND ward = $3';
      parts.push(
        `SELECT ward, sum(cases) AS cases, sum(solved) AS resolved, sum(arrests) AS arrests
         FROM funnel_case_firsts WHERE category = $1 AND channel = $2${wardWhere}
         ${dayWhere.map((w) => ` AND ${w}`).join('')} GROUP BY ward`,
      );
      // No carry into an empty run of whole days (a range of less than a day across midnight).
      if (d0 !== null && (d1 === null || d0 < d1)) {
        // One index range per gap class (its bounds computed here, so each arm is a plain
        // range scan of funnel_case_keys_carry_idx whatever the table's statistics say).
        const p0 = at(d0);
        const start = Date.parse(`${d0}T00:00:00Z`);
        const end = d1 === null ? Infinity : Date.parse(`${d1}T00:00:00Z`);
        const arms: string[] = [];
        for (let k = 0; k <= MAX_GAP_CLASS; k++) {
          const until = Math.min(end, start + 2 ** (k + 1) * DAY_MS);
          if (until <= start) break;
          arms.push(
            `SELECT ward, solved, arrests FROM funnel_case_keys
             WHERE category = $1 AND channel = $2 AND prev_day IS NOT NULL AND gap_class = ${k}
               AND day >= ${p0}::date AND day < ${at(new Date(until).toISOString().slice(0, 10))}::date AND prev_day < ${p0}::date${wardWhere}`,
          );
        }
        if (arms.length > 0)
          parts.push(
            `SELECT r.ward, count(*), count(*) FILTER (WHERE r.solved), sum(r.arrests)
             FROM (${arms.join(' UNION ALL ')}) r GROUP BY r.ward`,
          );
      }
    }
    if (liveSources.length > 0) {
      const liveCases = `SELECT side, ward, case_id, bool_or(solved) AS solved, max(arrests) AS arrests
         FROM live_tips WHERE case_id IS NOT NULL GROUP BY side, ward, case_id
         UNION ALL
         SELECT side, '*', case_id, bool_or(solved), max(arrests)
         FROM live_tips WHERE case_id IS NOT NULL AND $3::text IS NULL GROUP BY side, case_id`;
      let cases = `SELECT ward, case_id, bool_or(solved) AS solved, max(arrests) AS arrests
         FROM (${liveCases}) c GROUP BY ward, case_id`;
      if (days && inDays.length > 0) {
        // A case of a cut day is counted already when it has a day among the whole days: the
        // next day of its key on the day before them is before their end ('s'), or the previous
        // day of its key on the day after them is on or after their start ('e'). The keys of
        // those two days are two ranges of the primary key. A case whose key is not projected
        // yet (a tip of the last minutes linked since the last pass) is looked up by a probe.
        const [d0, d1] = days;
        const p0 = d0 === null ? null : at(d0);
        const p1 = d1 === null ? null : at(d1);
        const scope = `category = $1 AND channel = $2 AND ($3::text IS NULL OR ward = $3::text)`;
        const ofLiveCases = `case_id IN (SELECT case_id FROM live_tips)`;
        const edges: string[] = [];
        if (p0 !== null)
          edges.push(
            `SELECT 's'::text AS side, ward, case_id, next_day AS beside FROM funnel_case_keys
             WHERE ${scope} AND day = ${p0}::date - 1 AND ${ofLiveCases}`,
          );
        if (p1 !== null)
          edges.push(
            `SELECT 'e'::text, ward, case_id, prev_day FROM funnel_case_keys
             WHERE ${scope} AND day = ${p1}::date AND ${ofLiveCases}`,
          );
        const probe = `(SELECT 1 FROM funnel_case_keys k2
             WHERE k2.case_id = c.case_id AND k2.category = $1 AND k2.channel = $2
               AND k2.ward = c.ward${inDays.map((w) => ` AND k2.${w}`).join('')} LIMIT 1) IS NOT NULL`;
        const seen = `CASE WHEN k.case_id IS NULL THEN ${probe}
             WHEN c.side = 's' THEN k.beside IS NOT NULL${p1 === null ? '' : ` AND k.beside < ${p1}::date`}
             ELSE k.beside IS NOT NULL${p0 === null ? '' : ` AND k.beside >= ${p0}::date`} END`;
        cases = `SELECT c.ward, c.case_id, bool_or(c.solved) AS solved, max(c.arrests) AS arrests
           FROM (${liveCases}) c
           LEFT JOIN edge_keys k ON k.side = c.side AND k.ward = c.ward AND k.case_id = c.case_id
           GROUP BY c.ward, c.case_id HAVING NOT bool_or(${seen})`;
        ctes.push(`edge_keys AS MATERIALIZED (${edges.join(' UNION ALL ')})`);
      }
      parts.push(
        `SELECT l.ward, count(*), count(*) FILTER (WHERE l.solved), sum(l.arrests)
         FROM (${cases}) l GROUP BY l.ward`,
      );
    }
    if (parts.length === 0) return [];
    return (await this.reads()).query(
      `WITH ${ctes.join(', ')}
       SELECT ward, sum(cases)::int AS cases, sum(resolved)::int AS resolved,
              COALESCE(sum(arrests), 0)::int AS arrests
       FROM (${parts.join(' UNION ALL ')}) x (ward, cases, resolved, arrests)
       WHERE ($3::text IS NULL OR ward = $3::text) AND $1::text IS NOT NULL AND $2::text IS NOT NULL
       GROUP BY ward`,
      params,
    );
  }

  /** The year's criminal cases by the day they occurred, from the case rollup. */
  async criminalCases(from: string, to: string): Promise<CriminalCases> {
    const [row]: CriminalCases[] = await (
      await this.reads()
    ).query(
      `SELECT COALESCE(sum(cases), 0)::int AS occurred,
              COALESCE(sum(solved), 0)::int AS solved,
              COALESCE(sum(arrests), 0)::int AS arrests,
              COALESCE(sum(cases) FILTER (WHERE severity IN ('very_serious', 'especially_serious')), 0)::int AS severe_occurred,
              COALESCE(sum(solved) FILTER (WHERE severity IN ('very_serious', 'especially_serious')), 0)::int AS severe_solved
       FROM case_rollup
       WHERE kind = 'criminal' AND day >= $1::date AND day < $2::date`,
      [from, to],
    );
    return row;
  }
}
