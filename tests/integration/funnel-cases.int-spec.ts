import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { databaseConfig } from '@app/config';
import { ReportReader } from '@app/database';
import {
  AnnualReportService,
  Funnel,
  FunnelFilter,
  FunnelProjector,
  FunnelRepository,
  FunnelService,
} from '@app/reports';
import { testDatabase, TestDatabase } from '@app/testing';

const W1 = 'Phường 1';
const W2 = 'Phường 2';
const W3 = 'Phường 3';

interface TipSpec {
  at: string;
  ward: string;
  category?: string;
  channel?: string;
  caseId?: string | null;
  solved?: boolean;
  arrests?: number;
}

type CaseCounts = Pick<
  Funnel,
  'tipsLinked' | 'casesFromTips' | 'casesResolvedFromTips' | 'arrestsFromTips'
>;

/**
 * The funnel's case counts through the reporting tables (first days, and the rows that carry a
 * case across the start of a range) against the contract's definitions computed straight from
 * the tips: distinct cases linked to a tip received in [from, to), solved among them, and their
 * arrests once per case. Real PostgreSQL, the product's projector and service.
 */
describe('reporting tables: funnel cases and annual figures', () => {
  let env: TestDatabase;
  let ds: DataSource;
  let projector: FunnelProjector;
  let funnels: FunnelService;
  let n = 0;

  const insert = async (tips: TipSpec[]) => {
    for (const t of tips) {
      n++;
      await ds.query(
        `INSERT INTO tips (id, reference, stage, channel, category, ward, description, received_at,
           anonymous, has_contact, created_at, triaged_at, case_id, case_status, case_resolution, arrests)
         VALUES ($1, $2, $3, $4, $5, $6, 'hand-built tip', $7, false, false, $7, $7, $8, $9, $10, $11)`,
        [
          randomUUID(),
          `FC-${n}`,
          t.caseId ? 'linked' : 'lead_open',
          t.channel ?? 'hotline',
          t.category ?? 'theft',
          t.ward,
          t.at,
          t.caseId ?? null,
          t.caseId ? (t.solved ? 'resolved' : 'open') : null,
          t.caseId && t.solved ? 'solved' : null,
          t.arrests ?? 0,
        ],
      );
    }
  };

  /** The contract's definitions, from the tips themselves. */
  const reference = async (
    f: FunnelFilter,
  ): Promise<CaseCounts & { tipsReceived: number; byWard: Record<string, CaseCounts> }> => {
    const rows: (CaseCounts & { ward: string | null })[] = await ds.query(
      `WITH t AS (
         SELECT * FROM tips
         WHERE ($1::timestamptz IS NULL OR received_at >= $1) AND ($2::timestamptz IS NULL OR received_at < $2)
           AND ($3::text IS NULL OR ward = $3) AND ($4::text IS NULL OR category = $4)
           AND ($5::text IS NULL OR channel = $5)),
       c AS (SELECT ward, case_id, bool_or(case_resolution = 'solved') AS solved, max(arrests) AS arrests
             FROM t WHERE case_id IS NOT NULL GROUP BY GROUPING SETS ((ward, case_id), (case_id)))
       SELECT ward, (SELECT count(*) FROM t WHERE case_id IS NOT NULL AND (c2.ward IS NULL OR t.ward = c2.ward))::int AS "tipsLinked",
              count(case_id)::int AS "casesFromTips",
              count(case_id) FILTER (WHERE solved)::int AS "casesResolvedFromTips",
              COALESCE(sum(arrests), 0)::int AS "arrestsFromTips"
       FROM c c2 GROUP BY ward`,
      [f.from ?? null, f.to ?? null, f.ward ?? null, f.category ?? null, f.channel ?? null],
    );
    const pick = (r?: CaseCounts): CaseCounts => ({
      tipsLinked: r?.tipsLinked ?? 0,
      casesFromTips: r?.casesFromTips ?? 0,
      casesResolvedFromTips: r?.casesResolvedFromTips ?? 0,
      arrestsFromTips: r?.arrestsFromTips ?? 0,
    });
    const [{ received }]: { received: number }[] = await ds.query(
      `SELECT count(*)::int AS received FROM tips
       WHERE ($1::timestamptz IS NULL OR received_at >= $1) AND ($2::timestamptz IS NULL OR received_at < $2)
         AND ($3::text IS NULL OR ward = $3) AND ($4::text IS NULL OR category = $4)
         AND ($5::text IS NULL OR channel = $5)`,
      [f.from ?? null, f.to ?? null, f.ward ?? null, f.category ?? null, f.channel ?? null],
    );
    return {
      ...pick(rows.find((r) => r.ward === null)),
      tipsReceived: received,
      byWard: Object.fromEntries(
        rows.filter((r) => r.ward !== null).map((r) => [r.ward!, pick(r)]),
      ),
    };
  };

  const counted = async (f: FunnelFilter) => {
    const r = await funnels.funnel(f);
    const pick = (x: CaseCounts): CaseCounts => ({
      tipsLinked: x.tipsLinked,
      casesFromTips: x.casesFromTips,
      casesResolvedFromTips: x.casesResolvedFromTips,
      arrestsFromTips: x.arrestsFromTips,
    });
    return {
      ...pick(r),
      tipsReceived: r.tipsReceived,
      byWard: Object.fromEntries(
        r.byWard.filter((w) => w.tipsLinked > 0).map((w) => [w.ward, pick(w)]),
      ),
    };
  };

  const expectSame = async (f: FunnelFilter) => {
    expect({ filter: f, counts: await counted(f) }).toEqual({
      filter: f,
      counts: await reference(f),
    });
  };

  beforeAll(async () => {
    env = await testDatabase('funnel_cases', 4);
    ds = env.ds;
    projector = new FunnelProjector(new FunnelRepository(ds));
    // DATABASE_READ_URL unset: the reports read the primary.
    funnels = new FunnelService(
      new FunnelRepository(ds, new ReportReader(ds, databaseConfig.load({}))),
    );
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  const caseA = randomUUID(); // two wards, straddles 10 March
  const caseB = randomUUID(); // wholly inside March, solved, two arrests
  const caseC = randomUUID(); // February and April: spans March with no tip in it
  const caseD = randomUUID(); // two tips on 10 March, morning and evening

  it('counts hand-built cases once, across wards, boundaries and cut days', async () => {
    await insert([
      { at: '2023-03-01T09:00:00Z', ward: W1, caseId: caseA, arrests: 1 },
      { at: '2023-03-20T09:00:00Z', ward: W2, caseId: caseA, arrests: 1, category: 'robbery' },
      { at: '2023-03-05T10:00:00Z', ward: W1, caseId: caseB, solved: true, arrests: 2 },
      {
        at: '2023-03-06T10:00:00Z',
        ward: W1,
        caseId: caseB,
        solved: true,
        arrests: 2,
        channel: 'web',
      },
      { at: '2023-02-25T10:00:00Z', ward: W1, caseId: caseC, arrests: 3 },
      { at: '2023-04-02T10:00:00Z', ward: W1, caseId: caseC, arrests: 3 },
      { at: '2023-03-10T08:00:00Z', ward: W2, caseId: caseD, solved: true },
      { at: '2023-03-10T20:00:00Z', ward: W2, caseId: caseD, solved: true },
      { at: '2023-03-10T12:00:00Z', ward: W3 },
    ]);
    await projector.projectOnce();

    const march = await counted({ from: '2023-03-01T00:00:00Z', to: '2023-04-01T00:00:00Z' });
    expect(march).toMatchObject({
      tipsLinked: 6,
      casesFromTips: 3,
      casesResolvedFromTips: 2,
      arrestsFromTips: 3,
    });
    // A case with tips in two wards counts in each ward, and once overall.
    expect(march.byWard[W1].casesFromTips).toBe(2);
    expect(march.byWard[W2].casesFromTips).toBe(2);
    // Straddling the start of the range: A began on 1 March, still counts from 10 March.
    const late = await counted({ from: '2023-03-10T00:00:00Z', to: '2023-04-01T00:00:00Z' });
    expect(late).toMatchObject({ casesFromTips: 2, arrestsFromTips: 1 });
    // C spans the whole of March without a tip in it.
    const mid = await counted({ from: '2023-03-07T00:00:00Z', to: '2023-03-31T00:00:00Z' });
    expect(mid.casesFromTips).toBe(2);
    // Cut mid-day: D's evening tip only; A on 20 March counted from a whole day.
    const cut = await counted({ from: '2023-03-10T12:00:00Z', to: '2023-03-20T10:00:00Z' });
    expect(cut).toMatchObject({ tipsLinked: 2, casesFromTips: 2 });
    // Filtering by ward: A counts in Phường 2 only from its tip there.
    const w2 = await counted({ ward: W2, from: '2023-03-02T00:00:00Z' });
    expect(w2).toMatchObject({ casesFromTips: 2, casesResolvedFromTips: 1, arrestsFromTips: 1 });

    for (const f of [
      {},
      { from: '2023-03-01T00:00:00Z', to: '2023-04-01T00:00:00Z' },
      { from: '2023-03-10T00:00:00Z', to: '2023-04-01T00:00:00Z' },
      { from: '2023-03-10T12:00:00Z', to: '2023-03-20T10:00:00Z' },
      { from: '2023-03-10T09:00:00Z', to: '2023-03-10T21:00:00Z' },
      { from: '2023-03-02T00:00:00Z', ward: W2 },
      { ward: W1, category: 'theft' },
      { to: '2023-03-06T00:00:00Z', channel: 'hotline' },
    ])
      await expectSame(f);

    // Tips on the partial days of a range linked to A since the last pass (no key of theirs is
    // projected yet): A (with D) is still counted once overall, and in each ward it has a tip in.
    await insert([
      { at: '2023-03-09T18:00:00Z', ward: W3 },
      { at: '2023-03-25T15:00:00Z', ward: W1 },
    ]);
    await projector.projectOnce();
    await ds.query(
      `UPDATE tips SET case_id = $1, stage = 'linked', case_status = 'open', arrests = 1
       WHERE received_at IN ('2023-03-09T18:00:00Z', '2023-03-25T15:00:00Z')`,
      [caseA],
    );
    const linkedLate = { from: '2023-03-09T12:00:00Z', to: '2023-03-25T18:00:00Z' };
    expect(await counted(linkedLate)).toMatchObject({ casesFromTips: 2 });
    for (const f of [linkedLate, { ...linkedLate, ward: W1 }, { ...linkedLate, ward: W3 }])
      await expectSame(f);
  });

  it('matches the definitions on random tips, ranges and filters, through changes', async () => {
    let seed = 42;
    const rnd = (k: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % k;
    };
    const wards = [W1, W2, W3];
    const cats = ['theft', 'robbery', 'drugs'];
    const chans = ['hotline', 'web', 'app'];
    const cases = Array.from({ length: 30 }, () => ({
      id: randomUUID(),
      day: rnd(90),
      solved: rnd(2) === 0,
      arrests: rnd(3),
    }));
    const day0 = Date.parse('2024-01-01T00:00:00Z');
    const random = (): TipSpec => {
      const linked = rnd(3) === 0;
      const c = cases[rnd(cases.length)];
      const day = linked ? c.day + (rnd(4) === 0 ? rnd(60) : rnd(6)) : rnd(120);
      return {
        at: new Date(day0 + day * 86_400_000 + rnd(86_400) * 1000).toISOString(),
        ward: wards[rnd(3)],
        category: cats[rnd(3)],
        channel: chans[rnd(3)],
        caseId: linked ? c.id : null,
        solved: c.solved,
        arrests: linked ? c.arrests : 0,
      };
    };
    const filters = (count: number): FunnelFilter[] =>
      Array.from({ length: count }, () => {
        const a = day0 + rnd(130) * 86_400_000 + (rnd(2) ? rnd(86_400) * 1000 : 0);
        const b = a + rnd(70) * 86_400_000 + (rnd(2) ? rnd(86_400) * 1000 : 0);
        const f: FunnelFilter = {};
        if (rnd(5)) f.from = new Date(a).toISOString();
        if (rnd(5)) f.to = new Date(b).toISOString();
        if (rnd(3) === 0) f.ward = wards[rnd(3)];
        if (rnd(3) === 0) f.category = cats[rnd(3)];
        if (rnd(3) === 0) f.channel = chans[rnd(3)];
        return f;
      });

    await insert(Array.from({ length: 400 }, random));
    await projector.projectOnce();
    for (const f of filters(60)) await expectSame(f);

    // More tips for the same cases (new first days, new gaps), a case moved, a tip unlinked.
    await insert(Array.from({ length: 100 }, random));
    await ds.query(
      `UPDATE tips SET case_id = $1 WHERE id IN (SELECT id FROM tips WHERE case_id = $2 ORDER BY received_at LIMIT 2)`,
      [cases[0].id, cases[1].id],
    );
    await ds.query(
      `UPDATE tips SET case_id = NULL, stage = 'lead_open' WHERE id = (SELECT id FROM tips WHERE case_id = $1 ORDER BY received_at DESC LIMIT 1)`,
      [cases[2].id],
    );
    // An outcome carried to every tip of a case, as the outcome worker does.
    await ds.query(
      `UPDATE tips SET case_resolution = 'solved', case_status = 'resolved', arrests = 4 WHERE case_id = $1`,
      [cases[3].id],
    );
    await projector.projectOnce();
    const checks = filters(60);
    for (const f of checks) await expectSame(f);

    // Redelivery (every tip touched again, recomputed twice) and a rebuild change nothing.
    const before = await Promise.all(checks.map((f) => funnels.funnel(f)));
    await ds.query(`UPDATE tips SET arrests = arrests`);
    await projector.projectOnce();
    await projector.projectOnce();
    expect(await Promise.all(checks.map((f) => funnels.funnel(f)))).toEqual(before);
    await projector.rebuild();
    expect(await Promise.all(checks.map((f) => funnels.funnel(f)))).toEqual(before);
    const [{ keys }]: { keys: number }[] = await ds.query(
      `SELECT count(*)::int AS keys FROM funnel_case_keys`,
    );
    expect(keys).toBeGreaterThan(0);
  });

  it('keeps the annual case figures in step with cases and arrests, through rebuilds', async () => {
    const annual = new AnnualReportService(new FunnelRepository(ds), funnels);
    const severities = ['less_serious', 'serious', 'very_serious', 'especially_serious'];
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const id = randomUUID();
      ids.push(id);
      await ds.query(
        `INSERT INTO cases (id, title, kind, category, severity, ward, occurred_at, status, resolution)
         VALUES ($1, 'hand-built case', $2, 'theft', $3, $4, $5, $6, $7)`,
        [
          id,
          i % 5 === 0 ? 'administrative' : 'criminal',
          severities[i % 4],
          W1,
          // Around the turn of the year, so the year's bounds matter.
          new Date(Date.parse('2022-12-20T00:00:00Z') + i * 20 * 3_600_000).toISOString(),
          i % 3 === 0 ? 'resolved' : 'open',
          i % 3 === 0 ? 'solved' : null,
        ],
      );
      for (let k = 0; k < i % 3; k++)
        await ds.query(
          `INSERT INTO arrests (id, case_id, person_name, arrested_at) VALUES ($1, $2, 'hand-built', now())`,
          [randomUUID(), id],
        );
    }
    const direct = async (year: number) => {
      const [r]: Record<string, number>[] = await ds.query(
        `SELECT count(*)::int AS occurred, count(*) FILTER (WHERE resolution = 'solved')::int AS solved,
                COALESCE(sum((SELECT count(*) FROM arrests a WHERE a.case_id = c.id)), 0)::int AS arrests,
                count(*) FILTER (WHERE severity IN ('very_serious', 'especially_serious'))::int AS severe
         FROM cases c WHERE kind = 'criminal' AND occurred_at >= make_timestamptz($1, 1, 1, 0, 0, 0, 'UTC')
           AND occurred_at < make_timestamptz($1 + 1, 1, 1, 0, 0, 0, 'UTC')`,
        [year],
      );
      return r;
    };
    const check = async () => {
      for (const year of [2022, 2023]) {
        const a = await annual.annual(year);
        const d = await direct(year);
        expect({
          occurred: a.criminal.occurred,
          solved: a.criminal.solved,
          arrests: a.criminal.arrests,
          severe: a.criminal.severe.occurred,
        }).toEqual(d);
      }
    };
    await projector.projectOnce();
    await check();
    expect((await annual.annual(2023)).criminal.occurred).toBeGreaterThan(0);
    // A case resolved, one moved to another year, an arrest recorded: the next pass follows.
    await ds.query(`UPDATE cases SET status = 'resolved', resolution = 'solved' WHERE id = $1`, [
      ids[1],
    ]);
    await ds.query(`UPDATE cases SET occurred_at = '2023-06-01T00:00:00Z' WHERE id = $1`, [ids[2]]);
    await ds.query(
      `INSERT INTO arrests (id, case_id, person_name, arrested_at) VALUES ($1, $2, 'hand-built', now())`,
      [randomUUID(), ids[4]],
    );
    await projector.projectOnce();
    await check();
    const before = await annual.annual(2023);
    await projector.projectOnce();
    await projector.rebuild();
    expect(await annual.annual(2023)).toEqual(before);
  });
});
