import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { databaseConfig } from '@app/config';
import { ReportReader } from '@app/database';
import {
  FunnelFilter,
  FunnelProjector,
  FunnelRepository,
  FunnelService,
  medianOf,
} from '@app/reports';
import { testDatabase, TestDatabase } from '@app/testing';

const WARDS = ['Phường 1', 'Phường 2', 'Phường 3', 'Phường 4'];
const CATEGORIES = ['theft', 'robbery', 'drugs'];
const CHANNELS = ['hotline', 'web', 'app'];
const DAY_MS = 86_400_000;

interface Figures {
  tipsReceived: number;
  tipsActionable: number;
  tipsDuplicate: number;
  tipsRejected: number;
  tipsNeedingReview: number;
  tipsLinked: number;
  casesFromTips: number;
  casesResolvedFromTips: number;
  arrestsFromTips: number;
  medianSecondsToTriage: number | null;
  medianSecondsToClaim: number | null;
}

/**
 * Ranges that cut days (their whole hours read from the tips' facts by hour, their first and last
 * minutes from the tips) answer every figure of the funnel, per ward and overall, as a direct
 * computation from the tips does: counts, medians and cases, right after a pass and with tips
 * changed or added since it (not projected yet). Real PostgreSQL, the product's projector and
 * service.
 */
describe('funnel: cut days read from the tip facts', () => {
  let env: TestDatabase;
  let ds: DataSource;
  let projector: FunnelProjector;
  let funnels: FunnelService;
  let seed = 7;
  const rnd = (k: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % k;
  };
  const day0 = Date.parse('2025-02-01T00:00:00Z');
  const cases = Array.from({ length: 25 }, () => ({
    id: randomUUID(),
    solved: rnd(2) === 0,
    arrests: rnd(3),
  }));
  let n = 0;

  /** Random tips over ten days, most on days 3 and 4, in every stage the funnel counts. */
  const insert = async (count: number) => {
    const ids: string[] = (
      await ds.query<{ id: string }[]>(`SELECT id FROM tips ORDER BY reference LIMIT 50`)
    ).map((r) => r.id);
    for (let i = 0; i < count; i++) {
      n++;
      const day = rnd(3) === 0 ? rnd(10) : 3 + rnd(2);
      const at = new Date(day0 + day * DAY_MS + rnd(86_400) * 1000).toISOString();
      const kind = rnd(10);
      const c = kind < 3 ? cases[rnd(cases.length)] : null;
      const stage = c
        ? 'linked'
        : (
            [
              'lead_open',
              'lead_claimed',
              'rejected',
              'needs_review',
              'duplicate',
              'received',
            ] as const
          )[rnd(6)];
      const triaged = stage === 'received' ? null : rnd(600) + rnd(2) * rnd(7200);
      const claimed = c || stage === 'lead_claimed' ? 60 + rnd(40_000) : null;
      await ds.query(
        `INSERT INTO tips (id, reference, stage, channel, category, ward, description, received_at,
           anonymous, has_contact, created_at, triaged_at, claimed_at, duplicate_of, case_id,
           case_status, case_resolution, arrests)
         VALUES ($1, $2, $3, $4, $5, $6, 'hand-built tip', $7, false, false, $7,
                 $7::timestamptz + make_interval(secs => $8), $7::timestamptz + make_interval(secs => $9),
                 $10, $11, $12, $13, $14)`,
        [
          randomUUID(),
          `CD-${String(n).padStart(5, '0')}`,
          stage,
          CHANNELS[rnd(3)],
          CATEGORIES[rnd(3)],
          WARDS[rnd(4)],
          at,
          triaged,
          claimed,
          stage === 'duplicate' && ids.length > 0 ? ids[rnd(ids.length)] : null,
          c?.id ?? null,
          c ? (c.solved ? 'resolved' : 'open') : null,
          c?.solved ? 'solved' : null,
          c?.arrests ?? 0,
        ],
      );
    }
  };

  /** Every figure, per ward and overall, straight from the tips. */
  const reference = async (f: FunnelFilter) => {
    const params = [
      f.from ?? null,
      f.to ?? null,
      f.ward ?? null,
      f.category ?? null,
      f.channel ?? null,
    ];
    const t = `SELECT * FROM tips
       WHERE ($1::timestamptz IS NULL OR received_at >= $1) AND ($2::timestamptz IS NULL OR received_at < $2)
         AND ($3::text IS NULL OR ward = $3) AND ($4::text IS NULL OR category = $4)
         AND ($5::text IS NULL OR channel = $5)`;
    type Counts = Pick<
      Figures,
      | 'tipsReceived'
      | 'tipsActionable'
      | 'tipsDuplicate'
      | 'tipsRejected'
      | 'tipsNeedingReview'
      | 'tipsLinked'
    >;
    type Cases = Pick<Figures, 'casesFromTips' | 'casesResolvedFromTips' | 'arrestsFromTips'>;
    const counts: (Counts & { ward: string | null })[] = await ds.query(
      `SELECT ward, count(*)::int AS "tipsReceived",
         count(*) FILTER (WHERE triaged_at IS NOT NULL AND stage NOT IN ('rejected', 'needs_review')
                          AND duplicate_of IS NULL)::int AS "tipsActionable",
         count(*) FILTER (WHERE duplicate_of IS NOT NULL)::int AS "tipsDuplicate",
         count(*) FILTER (WHERE stage = 'rejected')::int AS "tipsRejected",
         count(*) FILTER (WHERE stage = 'needs_review')::int AS "tipsNeedingReview",
         count(*) FILTER (WHERE case_id IS NOT NULL)::int AS "tipsLinked"
       FROM (${t}) t GROUP BY GROUPING SETS ((ward), ())`,
      params,
    );
    const caseRows: (Cases & { ward: string | null })[] = await ds.query(
      `SELECT ward, count(*)::int AS "casesFromTips",
              count(*) FILTER (WHERE solved)::int AS "casesResolvedFromTips",
              COALESCE(sum(arrests), 0)::int AS "arrestsFromTips"
       FROM (SELECT ward, case_id, bool_or(COALESCE(case_resolution = 'solved', false)) AS solved,
                    max(arrests) AS arrests
             FROM (${t}) t WHERE case_id IS NOT NULL
             GROUP BY GROUPING SETS ((ward, case_id), (case_id))) c
       GROUP BY ward`,
      params,
    );
    const hist: { ward: string | null; which: string; b: number; n: number }[] = await ds.query(
      `SELECT ward, which, b, count(*)::int AS n
       FROM (${t}) t,
         LATERAL (VALUES ('triage', tt_bucket(extract(epoch FROM t.triaged_at - t.created_at))),
                         ('claim', tt_bucket(extract(epoch FROM t.claimed_at - t.created_at)))) v(which, b)
       WHERE b IS NOT NULL GROUP BY GROUPING SETS ((ward, which, b), (which, b))`,
      params,
    );
    const median = (w: string | null, which: string) =>
      medianOf(
        new Map(hist.filter((h) => h.ward === w && h.which === which).map((h) => [h.b, h.n])),
      );
    const figures = (w: string | null): Figures => {
      const c = counts.find((r) => r.ward === w);
      const k = caseRows.find((r) => r.ward === w);
      return {
        tipsReceived: c?.tipsReceived ?? 0,
        tipsActionable: c?.tipsActionable ?? 0,
        tipsDuplicate: c?.tipsDuplicate ?? 0,
        tipsRejected: c?.tipsRejected ?? 0,
        tipsNeedingReview: c?.tipsNeedingReview ?? 0,
        tipsLinked: c?.tipsLinked ?? 0,
        casesFromTips: k?.casesFromTips ?? 0,
        casesResolvedFromTips: k?.casesResolvedFromTips ?? 0,
        arrestsFromTips: k?.arrestsFromTips ?? 0,
        medianSecondsToTriage: median(w, 'triage'),
        medianSecondsToClaim: median(w, 'claim'),
      };
    };
    const wards = counts
      .filter((r) => r.ward !== null)
      .map((r) => r.ward!)
      .sort((a, b) => a.localeCompare(b, 'vi', { numeric: true }));
    return { ...figures(null), byWard: wards.map((w) => ({ ward: w, ...figures(w) })) };
  };

  const counted = async (f: FunnelFilter) => {
    // A failing statement names the range it was asked for.
    const r = await funnels.funnel(f).catch((e: Error) => {
      throw new Error(`${JSON.stringify(f)}: ${e.message}`);
    });
    const pick = (x: Figures): Figures => ({
      tipsReceived: x.tipsReceived,
      tipsActionable: x.tipsActionable,
      tipsDuplicate: x.tipsDuplicate,
      tipsRejected: x.tipsRejected,
      tipsNeedingReview: x.tipsNeedingReview,
      tipsLinked: x.tipsLinked,
      casesFromTips: x.casesFromTips,
      casesResolvedFromTips: x.casesResolvedFromTips,
      arrestsFromTips: x.arrestsFromTips,
      medianSecondsToTriage: x.medianSecondsToTriage,
      medianSecondsToClaim: x.medianSecondsToClaim,
    });
    return { ...pick(r), byWard: r.byWard.map((w) => ({ ward: w.ward, ...pick(w) })) };
  };

  /** Ranges that cut one or two days: on the minute, on the hour, inside one day or one hour. */
  const ranges = (count: number): FunnelFilter[] =>
    Array.from({ length: count }, (_, i) => {
      const a = day0 + (2 + rnd(3)) * DAY_MS + rnd(24) * 3_600_000 + (i % 3 ? rnd(60) * 60_000 : 0);
      const len =
        i % 4 === 0
          ? rnd(60) * 60_000 + 60_000
          : i % 4 === 1
            ? rnd(20) * 3_600_000 + 60_000
            : rnd(4) * DAY_MS + rnd(86_400) * 1000;
      const f: FunnelFilter = {
        from: new Date(a).toISOString(),
        to: new Date(a + len + (i % 5 === 0 ? 0 : rnd(60) * 60_000)).toISOString(),
      };
      if (rnd(3) === 0) f.ward = WARDS[rnd(4)];
      if (rnd(3) === 0) f.category = CATEGORIES[rnd(3)];
      if (rnd(4) === 0) f.channel = CHANNELS[rnd(3)];
      return f;
    });

  const expectSame = async (filters: FunnelFilter[]) => {
    for (const f of filters)
      expect({ filter: f, figures: await counted(f) }).toEqual({
        filter: f,
        figures: await reference(f),
      });
  };

  beforeAll(async () => {
    env = await testDatabase('funnel_cut_days', 6);
    ds = env.ds;
    projector = new FunnelProjector(new FunnelRepository(ds));
    funnels = new FunnelService(
      new FunnelRepository(ds, new ReportReader(ds, databaseConfig.load({}))),
    );
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('answers every figure of a cut day as the tips do, after a pass and before the next', async () => {
    await insert(600);
    await projector.projectOnce();
    await expectSame(ranges(40));

    // Since the pass: tips moved to another ward, hour or stage, linked, unlinked, and new ones.
    await ds.query(
      `UPDATE tips SET ward = 'Phường 4' WHERE id IN (SELECT id FROM tips WHERE ward = 'Phường 1' ORDER BY reference LIMIT 10)`,
    );
    await ds.query(
      `UPDATE tips SET received_at = received_at + interval '95 minutes', created_at = created_at + interval '95 minutes'
       WHERE id IN (SELECT id FROM tips ORDER BY reference DESC LIMIT 15)`,
    );
    await ds.query(
      `UPDATE tips SET stage = 'rejected' WHERE id IN (SELECT id FROM tips WHERE stage = 'lead_open' ORDER BY reference LIMIT 10)`,
    );
    await ds.query(
      `UPDATE tips SET case_id = $1, stage = 'linked', case_status = 'open', arrests = 2
       WHERE id IN (SELECT id FROM tips WHERE case_id IS NULL AND stage = 'lead_claimed' ORDER BY reference LIMIT 8)`,
      [cases[0].id],
    );
    await ds.query(
      `UPDATE tips SET case_id = NULL, stage = 'lead_open', case_status = NULL, case_resolution = NULL, arrests = 0
       WHERE id IN (SELECT id FROM tips WHERE case_id = $1 ORDER BY reference LIMIT 3)`,
      [cases[1].id],
    );
    await insert(60);
    await expectSame(ranges(40));

    // And once projected, the same again.
    await projector.projectOnce();
    await expectSame(ranges(20));
  });
});
