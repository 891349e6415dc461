import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReportReader } from '@app/database';

export interface FunnelFilter {
  from?: string;
  to?: string;
  ward?: string;
  category?: string;
  channel?: string;
}

export interface FunnelCounts {
  tipsReceived: number;
  tipsActionable: number;
  tipsDuplicate: number;
  tipsRejected: number;
  /** Tips waiting for a person's review now. */
  tipsNeedingReview: number;
  tipsLinked: number;
  /** Tips past their decision deadline and neither linked nor dismissed, now. */
  tipsOverdue: number;
  casesFromTips: number;
  casesResolvedFromTips: number;
  arrestsFromTips: number;
  medianSecondsToTriage: number | null;
  medianSecondsToClaim: number | null;
}

export interface Funnel extends FunnelCounts {
  byWard: (FunnelCounts & { ward: string })[];
}

const DAY_MS = 86_400_000;
/** Gap classes 0..16 cover gaps of up to 2^17 days between two days of a case. */
const MAX_GAP_CLASS = 16;

/** The duration a log bucket stands for (its geometric middle), inverse of tt_bucket(). */
export function bucketSeconds(bucket: number): number {
  return Math.round(((Math.pow(1.25, bucket + 0.5) - 1) / 100) * 1000) / 1000;
}

/** Median of a bucketed distribution: the bucket holding the middle observation. */
export function medianOf(hist: Map<number, number>): number | null {
  const total = [...hist.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const b of [...hist.keys()].sort((x, y) => x - y)) {
    seen += hist.get(b)!;
    if (seen * 2 >= total) return bucketSeconds(b);
  }
  return null;
}

/** Whole UTC days inside [from, to) come from the rollup; partial days at the ends from tips. */
export function splitRange(from?: string, to?: string) {
  const f = from ? Date.parse(from) : null;
  const t = to ? Date.parse(to) : null;
  const d0 = f === null ? null : Math.ceil(f / DAY_MS) * DAY_MS;
  const d1 = t === null ? null : Math.floor(t / DAY_MS) * DAY_MS;
  if (f !== null && t !== null && (d0! > d1! || d0! >= t)) {
    return { days: null, live: [[f, t]] as [number, number][] };
  }
  const live: [number, number][] = [];
  if (f !== null && f < d0!) live.push([f, d0!]);
  if (t !== null && d1! < t) live.push([d1!, t]);
  return { days: [d0, d1] as [number | null, number | null], live };
}

const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number | null) => (ms === null ? null : iso(ms).slice(0, 10));

const COLUMNS =
  'ward, received, actionable, duplicate, rejected, needs_review, linked, triage_hist, claim_hist';

/** First day of the month of a 'YYYY-MM-DD' day, or of the next month when `up` and not already. */
function monthOf(d: string, up: boolean): string {
  const first = `${d.slice(0, 7)}-01`;
  if (!up || first === d) return first;
  const t = new Date(`${first}T00:00:00Z`);
  t.setUTCMonth(t.getUTCMonth() + 1);
  return day(t.getTime())!;
}

/**
 * The rollup rows of the whole days [d0, d1) (null: unbounded) of a grain: whole months from
 * funnel_rollup_month, the days before the first and after the last whole month from
 * funnel_rollup.
 */
export function rollupSource(
  category: string,
  channel: string,
  ward: string | null,
  d0: string | null,
  d1: string | null,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [category, channel, ward];
  const at = (v: string) => {
    params.push(v);
    return `$${params.length}::date`;
  };
  const m0 = d0 === null ? null : monthOf(d0, true);
  const m1 = d1 === null ? null : monthOf(d1, false);
  const months = m0 === null || m1 === null || m0 < m1;
  const grain = `category = $1 AND channel = $2 AND ($3::text IS NULL OR ward = $3::text)`;
  const range = (col: string, a: string | null, b: string | null) =>
    [a === null ? '' : ` AND ${col} >= ${at(a)}`, b === null ? '' : ` AND ${col} < ${at(b)}`].join(
      '',
    );
  const arms: string[] = [];
  if (!months) {
    arms.push(`SELECT ${COLUMNS} FROM funnel_rollup WHERE ${grain}${range('day', d0, d1)}`);
  } else {
    if (d0 !== null && d0 < m0!)
      arms.push(`SELECT ${COLUMNS} FROM funnel_rollup WHERE ${grain}${range('day', d0, m0)}`);
    arms.push(`SELECT ${COLUMNS} FROM funnel_rollup_month WHERE ${grain}${range('month', m0, m1)}`);
    if (d1 !== null && m1! < d1)
      arms.push(`SELECT ${COLUMNS} FROM funnel_rollup WHERE ${grain}${range('day', m1, d1)}`);
  }
  return { sql: `(${arms.join(' UNION ALL ')}) src`, params };
}

type HistRow = { ward: string; b: number; n: number };

interface WardCounts {
  ward: string;
  received: number;
  actionable: number;
  duplicate: number;
  rejected: number;
  needs_review: number;
  linked: number;
}

/**
 * The funnel from tips to arrests, answered from the reporting tables (funnel_rollup,
 * funnel_case_keys) kept by the FunnelProjector; a tip or a case is never counted twice.
 */
@Injectable()
export class FunnelService {
  constructor(private readonly reader: ReportReader) {}

  async funnel(f: FunnelFilter): Promise<Funnel> {
    // The standby when DATABASE_READ_URL names one that is close enough behind, else the primary.
    const dataSource = await this.reader.source();
    const { days, live } = splitRange(f.from, f.to);
    const category = f.category ?? '*';
    const channel = f.channel ?? '*';
    const ward = f.ward ?? null;
    // Parts: the rollups over whole days (whole months from the month rows), and tips over the
    // partial days at the ends.
    const rollup = days ? rollupSource(category, channel, ward, day(days[0]), day(days[1])) : null;
    const liveWhere = (i: number) =>
      `received_at >= $${i}::timestamptz AND received_at < $${i + 1}::timestamptz
       AND ($${i + 2}::text IS NULL OR category = $${i + 2}) AND ($${i + 3}::text IS NULL OR channel = $${i + 3})
       AND ($${i + 4}::text IS NULL OR ward = $${i + 4})`;
    const lp = (r: [number, number]) => [
      iso(r[0]),
      iso(r[1]),
      f.category ?? null,
      f.channel ?? null,
      ward,
    ];

    const counts = new Map<string, WardCounts>();
    const triage = new Map<string, Map<number, number>>();
    const claim = new Map<string, Map<number, number>>();
    const addCounts = (rows: WardCounts[]) => {
      for (const r of rows) {
        const c = counts.get(r.ward) ?? {
          ward: r.ward,
          received: 0,
          actionable: 0,
          duplicate: 0,
          rejected: 0,
          needs_review: 0,
          linked: 0,
        };
        c.received += Number(r.received);
        c.actionable += Number(r.actionable);
        c.duplicate += Number(r.duplicate);
        c.rejected += Number(r.rejected);
        c.needs_review += Number(r.needs_review);
        c.linked += Number(r.linked);
        counts.set(r.ward, c);
      }
    };
    const addHist = (target: Map<string, Map<number, number>>, rows: HistRow[]) => {
      for (const r of rows) {
        const h = target.get(r.ward) ?? new Map<number, number>();
        h.set(Number(r.b), (h.get(Number(r.b)) ?? 0) + Number(r.n));
        target.set(r.ward, h);
      }
    };

    // Tips of the partial days, for the case counts; parameters $1-$3 are the grain and ward.
    // (Linked ones are picked after the OFFSET 0 fence in cases(): "case_id IS NOT NULL" in
    // these scans would have the planner read every linked tip's entry of tips_case_idx.)
    const liveCaseSources: string[] = [];
    const liveCaseParams: unknown[] = [];
    // The queries are independent: they run side by side on the pool.
    const jobs: Promise<unknown>[] = [];
    if (rollup) {
      jobs.push(
        dataSource
          .query(
            `SELECT ward, sum(received) AS received, sum(actionable) AS actionable, sum(duplicate) AS duplicate,
                  sum(rejected) AS rejected, sum(needs_review) AS needs_review, sum(linked) AS linked
           FROM ${rollup.sql} GROUP BY ward`,
            rollup.params,
          )
          .then(addCounts),
      );
      for (const [col, target] of [
        ['triage_hist', triage],
        ['claim_hist', claim],
      ] as const) {
        jobs.push(
          dataSource
            .query(
              `SELECT ward, h.key::int AS b, sum(h.value::int) AS n
             FROM ${rollup.sql}, jsonb_each_text(${col}) h GROUP BY ward, b`,
              rollup.params,
            )
            .then((rows: HistRow[]) => addHist(target, rows)),
        );
      }
    }
    // The partial days' tips: counts and both histograms in one pass, grouped by the buckets.
    const liveTips: string[] = [];
    const liveParams: unknown[] = [];
    for (const r of live) {
      const p = lp(r);
      liveTips.push(`SELECT * FROM tips WHERE ${liveWhere(liveParams.length + 1)}`);
      liveParams.push(...p);
      // Which end of the whole days the partial day lies at: 's' the day before them, 'e' the
      // day after ('-' when the range holds no whole day).
      const side = !days ? '-' : days[0] !== null && r[1] === days[0] ? 's' : 'e';
      liveCaseSources.push(
        `SELECT '${side}'::text AS side, ward, case_id,
                COALESCE(case_resolution = 'solved', false) AS solved, arrests
         FROM tips WHERE ${liveWhere(liveCaseParams.length + 4)}`,
      );
      liveCaseParams.push(...p);
    }
    if (liveTips.length > 0) {
      jobs.push(
        dataSource
          .query(
            `SELECT ward, tt_bucket(extract(epoch FROM triaged_at - created_at)) AS tb,
               tt_bucket(extract(epoch FROM claimed_at - created_at)) AS cb, count(*) AS received,
               count(*) FILTER (WHERE triaged_at IS NOT NULL AND stage NOT IN ('rejected', 'needs_review') AND duplicate_of IS NULL) AS actionable,
               count(*) FILTER (WHERE duplicate_of IS NOT NULL) AS duplicate,
               count(*) FILTER (WHERE stage = 'rejected') AS rejected,
               count(*) FILTER (WHERE stage = 'needs_review') AS needs_review,
               count(*) FILTER (WHERE case_id IS NOT NULL) AS linked
             FROM (${liveTips.join(' UNION ALL ')}) t GROUP BY 1, 2, 3`,
            liveParams,
          )
          .then((rows: (WardCounts & { tb: number | null; cb: number | null })[]) => {
            addCounts(rows);
            for (const [key, target] of [
              ['tb', triage],
              ['cb', claim],
            ] as const) {
              addHist(
                target,
                rows
                  .filter((x) => x[key] !== null)
                  .map((x) => ({ ward: x.ward, b: x[key]!, n: x.received })),
              );
            }
          }),
      );
    }

    // Overdue is judged now, from the tips themselves (a deadline passing changes no row the
    // projector watches), through tips_decision_due_idx: only undecided tips past their deadline.
    const overdue = new Map<string, number>();
    jobs.push(
      dataSource
        .query(
          `SELECT ward, count(*)::int AS n FROM tips
           WHERE decision_due_at < now() AND stage IN ('duplicate', 'lead_open', 'lead_claimed')
             AND ($1::timestamptz IS NULL OR received_at >= $1) AND ($2::timestamptz IS NULL OR received_at < $2)
             AND ($3::text IS NULL OR category = $3) AND ($4::text IS NULL OR channel = $4)
             AND ($5::text IS NULL OR ward = $5)
           GROUP BY ward`,
          [f.from ?? null, f.to ?? null, f.category ?? null, f.channel ?? null, ward],
        )
        .then((rows: { ward: string; n: number }[]) => {
          for (const r of rows) overdue.set(r.ward, r.n);
        }),
    );

    const [caseRows] = await Promise.all([
      this.cases(
        dataSource,
        { category, channel, ward, days: days && [day(days[0]), day(days[1])] },
        liveCaseSources,
        liveCaseParams,
      ),
      ...jobs,
    ]);
    const totalKey = ward ?? '*';
    const caseOf = (w: string | null) =>
      caseRows.find((r) => r.ward === (w ?? totalKey)) ?? { cases: 0, resolved: 0, arrests: 0 };

    const merge = (hs: (Map<number, number> | undefined)[]) => {
      const out = new Map<number, number>();
      for (const h of hs) for (const [b, n] of h ?? []) out.set(b, (out.get(b) ?? 0) + n);
      return out;
    };
    const shape = (
      c: Omit<WardCounts, 'ward'> & { overdue: number },
      k: { cases: number; resolved: number; arrests: number },
      th: Map<number, number>,
      chh: Map<number, number>,
    ): FunnelCounts => ({
      tipsReceived: c.received,
      tipsActionable: c.actionable,
      tipsDuplicate: c.duplicate,
      tipsRejected: c.rejected,
      tipsNeedingReview: c.needs_review,
      tipsLinked: c.linked,
      tipsOverdue: c.overdue,
      casesFromTips: k.cases,
      casesResolvedFromTips: k.resolved,
      arrestsFromTips: k.arrests,
      medianSecondsToTriage: medianOf(th),
      medianSecondsToClaim: medianOf(chh),
    });
    const wards = [...counts.keys()].sort((a, b) => a.localeCompare(b, 'vi', { numeric: true }));
    const total = [...counts.values()].reduce(
      (a, c) => ({
        received: a.received + c.received,
        actionable: a.actionable + c.actionable,
        duplicate: a.duplicate + c.duplicate,
        rejected: a.rejected + c.rejected,
        needs_review: a.needs_review + c.needs_review,
        linked: a.linked + c.linked,
      }),
      { received: 0, actionable: 0, duplicate: 0, rejected: 0, needs_review: 0, linked: 0 },
    );
    return {
      ...shape(
        { ...total, overdue: [...overdue.values()].reduce((a, n) => a + n, 0) },
        caseOf(null),
        merge([...triage.values()]),
        merge([...claim.values()]),
      ),
      byWard: wards.map((w) => ({
        ward: w,
        ...shape(
          { ...counts.get(w)!, overdue: overdue.get(w) ?? 0 },
          caseOf(w),
          merge([triage.get(w)]),
          merge([claim.get(w)]),
        ),
      })),
    };
  }

  /**
   * Distinct cases (and of them solved, and their arrests) per ward and overall ('*'), each case
   * once. Whole days: cases whose first day in the grain falls in the range (per-day sums) plus
   * those begun earlier that carry into it (their one row crossing the range's start, found per
   * gap class in a short index range). Partial days: the cases of those tips, less any already
   * counted on the whole days.
   */
  private async cases(
    dataSource: DataSource,
    g: {
      category: string;
      channel: string;
      ward: string | null;
      days: [string | null, string | null] | null;
    },
    liveSources: string[],
    liveParams: unknown[],
  ): Promise<{ ward: string; cases: number; resolved: number; arrests: number }[]> {
    const params: unknown[] = [g.category, g.channel, g.ward, ...liveParams];
    const at = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const parts: string[] = [];
    const inDays: string[] = [];
    const ctes = [
      // Only the linked tips are kept (a quarter of them at 10 M).
      `live_tips AS MATERIALIZED (${liveSources.length > 0 ? `SELECT * FROM (${liveSources.join(' UNION ALL ')} OFFSET 0) u WHERE case_id IS NOT NULL` : 'SELECT NULL::text AS side, NULL::text AS ward, NULL::uuid AS case_id, NULL::boolean AS solved, NULL::int AS arrests WHERE false'})`,
    ];
    if (g.days) {
      const [d0, d1] = g.days;
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
      if (d0 !== null) {
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
               AND day >= ${p0}::date AND day < ${at(day(until))}::date AND prev_day < ${p0}::date${wardWhere}`,
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
      if (g.days && inDays.length > 0) {
        // A case of a partial day is counted already when it has a day among the whole days:
        // the next day of its key on the day before them is before their end ('s'), or the
        // previous day of its key on the day after them is on or after their start ('e'). The
        // keys of those two days are two ranges of the primary key. A case whose key is not
        // projected yet (linked since the last pass) is looked up by a probe instead.
        const [d0, d1] = g.days;
        const p0 = d0 === null ? null : at(d0);
        const p1 = d1 === null ? null : at(d1);
        const scope = `category = $1 AND channel = $2 AND ($3::text IS NULL OR ward = $3::text)`;
        // Only the keys of the partial days' cases are joined (half of the day's keys at 10 M).
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
    const rows: { ward: string; cases: number; resolved: number; arrests: number }[] =
      await dataSource.query(
        `WITH ${ctes.join(', ')}
         SELECT ward, sum(cases)::int AS cases, sum(resolved)::int AS resolved,
                COALESCE(sum(arrests), 0)::int AS arrests
         FROM (${parts.join(' UNION ALL ')}) x (ward, cases, resolved, arrests)
         WHERE ($3::text IS NULL OR ward = $3::text) AND $1::text IS NOT NULL AND $2::text IS NOT NULL
         GROUP BY ward`,
        params,
      );
    return rows;
  }
}
