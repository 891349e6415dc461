import { Injectable } from '@nestjs/common';
import {
  cutDaySource,
  CutDay,
  FunnelRepository,
  HistRow,
  rollupSource,
  Span,
  WardCounts,
} from './funnel.repository';

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
const HOUR_MS = 3_600_000;

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

/** Whole UTC days inside [from, to) come from the day rollups; the cut days at the ends apart. */
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

/**
 * A cut day's range [a, b) (less than a day): its whole UTC hours, read from the tips' facts by
 * hour, and the minutes before the first and after the last of them, read from the tips.
 */
export function splitHours(a: number, b: number): { hours: Span[]; tips: Span[] } {
  const h0 = Math.ceil(a / HOUR_MS) * HOUR_MS;
  const h1 = Math.floor(b / HOUR_MS) * HOUR_MS;
  if (h0 >= h1) return { hours: [], tips: [[iso(a), iso(b)]] };
  const tips: Span[] = [];
  if (a < h0) tips.push([iso(a), iso(h0)]);
  if (h1 < b) tips.push([iso(h1), iso(b)]);
  return { hours: [[iso(h0), iso(h1)]], tips };
}

/**
 * The funnel from tips to arrests, answered from the reporting tables kept by the
 * FunnelProjector (rollups by month and day, case keys by day, each tip's facts by hour for the
 * whole hours of a cut day), and from the tips only for the minutes before the first and after
 * the last whole hour of a range; a tip or a case is never counted twice.
 */
@Injectable()
export class FunnelService {
  constructor(private readonly repo: FunnelRepository) {}

  async funnel(f: FunnelFilter): Promise<Funnel> {
    const { days, live } = splitRange(f.from, f.to);
    const category = f.category ?? '*';
    const channel = f.channel ?? '*';
    const ward = f.ward ?? null;
    const grain = { category, channel, ward };
    const wholeDays: [string | null, string | null] | null = days && [day(days[0]), day(days[1])];
    // The cut days: their whole hours from the tips' facts, their first and last minutes from
    // the tips. Which end of the whole days each lies at: 's' the day before them, 'e' the day
    // after ('-' when the range holds no whole day).
    const cut: CutDay[] = live.map((r) => ({
      side: !days ? '-' : days[0] !== null && r[1] === days[0] ? 's' : 'e',
      ...splitHours(r[0], r[1]),
    }));
    const hours = cut.flatMap((c) => c.hours);
    // The cut days' hours add the tips changed since the projector's watermark.
    const mark = hours.length > 0 ? await this.repo.funnelMark() : '-infinity';
    const rollup = rollupSource(grain, wholeDays);
    const cutDays = cutDaySource(grain, cut, mark);

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
    const overdue = new Map<string, number>();

    // The queries are independent: they run side by side on the pool.
    const [caseRows] = await Promise.all([
      this.repo.caseCounts(grain, wholeDays, cut, mark),
      this.repo.wardCounts(rollup).then(addCounts),
      this.repo.wardHistogram(rollup, 'triage').then((rows) => addHist(triage, rows)),
      this.repo.wardHistogram(rollup, 'claim').then((rows) => addHist(claim, rows)),
      // The cut days' tips: counts and both histograms in one pass.
      cutDays &&
        this.repo.cutDayCounts(cutDays).then((rows) => {
          // GROUPING(tb, cb): 3 a ward's counts, 1 a triage bucket, 2 a claim bucket.
          addCounts(rows.filter((x) => Number(x.g) === 3));
          for (const [key, g, target] of [
            ['tb', 1, triage],
            ['cb', 2, claim],
          ] as const) {
            addHist(
              target,
              rows
                .filter((x) => Number(x.g) === g && x[key] !== null)
                .map((x) => ({ ward: x.ward, b: x[key]!, n: x.received })),
            );
          }
        }),
      // Overdue is judged now, from the tips themselves.
      this.repo
        .overdueByWard({
          from: f.from ?? null,
          to: f.to ?? null,
          category: f.category ?? null,
          channel: f.channel ?? null,
          ward,
        })
        .then((rows) => {
          for (const r of rows) overdue.set(r.ward, r.n);
        }),
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
    // A ward with no tip in the range (its pending tips moved away) is left out.
    for (const [w, c] of counts) if (c.received === 0) counts.delete(w);
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
}
