import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

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
  tipsLinked: number;
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

interface WardCounts {
  ward: string;
  received: number;
  actionable: number;
  duplicate: number;
  rejected: number;
  linked: number;
}

/**
 * The funnel from tips to arrests, answered from the reporting tables (funnel_rollup,
 * funnel_case_keys) kept by the FunnelProjector; a tip or a case is never counted twice.
 */
@Injectable()
export class FunnelService {
  constructor(private readonly dataSource: DataSource) {}

  async funnel(f: FunnelFilter): Promise<Funnel> {
    const { days, live } = splitRange(f.from, f.to);
    const category = f.category ?? '*';
    const channel = f.channel ?? '*';
    const ward = f.ward ?? null;
    // Parts: the rollup over whole days, and tips over the partial days at the ends.
    const rollupWhere = `category = $1 AND channel = $2 AND ($3::date IS NULL OR day >= $3::date)
      AND ($4::date IS NULL OR day < $4::date) AND ($5::text IS NULL OR ward = $5)`;
    const rp = days ? [category, channel, day(days[0]), day(days[1]), ward] : null;
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
          linked: 0,
        };
        c.received += Number(r.received);
        c.actionable += Number(r.actionable);
        c.duplicate += Number(r.duplicate);
        c.rejected += Number(r.rejected);
        c.linked += Number(r.linked);
        counts.set(r.ward, c);
      }
    };
    const addHist = (
      target: Map<string, Map<number, number>>,
      rows: { ward: string; b: number; n: number }[],
    ) => {
      for (const r of rows) {
        const h = target.get(r.ward) ?? new Map<number, number>();
        h.set(Number(r.b), (h.get(Number(r.b)) ?? 0) + Number(r.n));
        target.set(r.ward, h);
      }
    };

    const caseIdSources: string[] = [];
    const caseParams: unknown[] = [];
    if (rp) {
      addCounts(
        await this.dataSource.query(
          `SELECT ward, sum(received) AS received, sum(actionable) AS actionable, sum(duplicate) AS duplicate,
                  sum(rejected) AS rejected, sum(linked) AS linked
           FROM funnel_rollup WHERE ${rollupWhere} GROUP BY ward`,
          rp,
        ),
      );
      for (const [col, target] of [
        ['triage_hist', triage],
        ['claim_hist', claim],
      ] as const) {
        addHist(
          target,
          await this.dataSource.query(
            `SELECT ward, h.key::int AS b, sum(h.value::int) AS n
             FROM funnel_rollup, jsonb_each_text(${col}) h WHERE ${rollupWhere} GROUP BY ward, b`,
            rp,
          ),
        );
      }
      caseIdSources.push(
        `SELECT ward, case_id, solved, arrests FROM funnel_case_keys WHERE ${rollupWhere.replace(/\$(\d)/g, (_m, n: string) => `$${Number(n) + caseParams.length}`)}`,
      );
      caseParams.push(...rp);
    }
    for (const r of live) {
      const p = lp(r);
      addCounts(
        await this.dataSource.query(
          `SELECT ward, count(*) AS received,
             count(*) FILTER (WHERE triaged_at IS NOT NULL AND rejected_reason IS NULL AND duplicate_of IS NULL) AS actionable,
             count(*) FILTER (WHERE duplicate_of IS NOT NULL) AS duplicate,
             count(*) FILTER (WHERE stage = 'rejected') AS rejected,
             count(*) FILTER (WHERE case_id IS NOT NULL) AS linked
           FROM tips WHERE ${liveWhere(1)} GROUP BY ward`,
          p,
        ),
      );
      for (const [col, target] of [
        ['triaged_at', triage],
        ['claimed_at', claim],
      ] as const) {
        addHist(
          target,
          await this.dataSource.query(
            `SELECT ward, tt_bucket(extract(epoch FROM ${col} - created_at)) AS b, count(*) AS n
             FROM tips WHERE ${liveWhere(1)} AND ${col} IS NOT NULL GROUP BY 1, 2`,
            p,
          ),
        );
      }
      caseIdSources.push(
        `SELECT ward, case_id, COALESCE(case_resolution = 'solved', false) AS solved, arrests
         FROM tips WHERE ${liveWhere(caseParams.length + 1)} AND case_id IS NOT NULL`,
      );
      caseParams.push(...p);
    }

    const caseRows: { ward: string | null; cases: number; resolved: number; arrests: number }[] =
      caseIdSources.length === 0
        ? []
        : await this.dataSource.transaction(async (m) => {
            // Enough memory to hash the case keys instead of sorting them on disk.
            await m.query(`SET LOCAL work_mem = '64MB'`);
            // Each case once per ward and once overall; its outcome as projected onto its tips.
            return m.query(
              `WITH ids AS (${caseIdSources.join(' UNION ALL ')}),
               per_ward AS (SELECT ward, case_id, bool_or(solved) AS solved, max(arrests) AS arrests
                            FROM ids GROUP BY ward, case_id)
               SELECT ward, count(*)::int AS cases, count(*) FILTER (WHERE solved)::int AS resolved,
                      COALESCE(sum(arrests), 0)::int AS arrests
               FROM per_ward GROUP BY ward
               UNION ALL
               SELECT NULL, count(*)::int, count(*) FILTER (WHERE solved)::int,
                      COALESCE(sum(arrests), 0)::int
               FROM (SELECT case_id, bool_or(solved) AS solved, max(arrests) AS arrests
                     FROM per_ward GROUP BY case_id) c`,
              caseParams,
            );
          });
    const caseOf = (w: string | null) =>
      caseRows.find((r) => r.ward === w) ?? { cases: 0, resolved: 0, arrests: 0 };

    const merge = (hs: (Map<number, number> | undefined)[]) => {
      const out = new Map<number, number>();
      for (const h of hs) for (const [b, n] of h ?? []) out.set(b, (out.get(b) ?? 0) + n);
      return out;
    };
    const shape = (
      c: Omit<WardCounts, 'ward'>,
      k: { cases: number; resolved: number; arrests: number },
      th: Map<number, number>,
      chh: Map<number, number>,
    ): FunnelCounts => ({
      tipsReceived: c.received,
      tipsActionable: c.actionable,
      tipsDuplicate: c.duplicate,
      tipsRejected: c.rejected,
      tipsLinked: c.linked,
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
        linked: a.linked + c.linked,
      }),
      { received: 0, actionable: 0, duplicate: 0, rejected: 0, linked: 0 },
    );
    return {
      ...shape(total, caseOf(null), merge([...triage.values()]), merge([...claim.values()])),
      byWard: wards.map((w) => ({
        ward: w,
        ...shape(counts.get(w)!, caseOf(w), merge([triage.get(w)]), merge([claim.get(w)])),
      })),
    };
  }
}
