import { randomUUID } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { leadsConfig } from '@app/config';
import { ClaimLeadService, LeadsRepository } from '@app/leads';
import { CaseSuggester } from '@app/linkage';
import { testDatabase, TestDatabase } from '@app/testing';
import { TipsRepository } from '@app/tips';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const POINTS = 2;
const CAP = 50;
const WARDS = ['Phường 1', 'Phường 2', 'Phường 3', 'Phường 4'];

interface Spec {
  priority: number;
  /** How long before the reference time the lead was opened. */
  ageMs: number;
  ward?: string;
  /** 'lapsed': claimed, lease ran out (claimable); 'held': claimed, lease running; 'dismissed'. */
  state?: 'open' | 'lapsed' | 'held' | 'dismissed';
  /** A threat to life: before every other lead, whatever their age. */
  urgent?: boolean;
}

interface Row {
  id: string;
  priority: number;
  openedAt: number;
  ward: string;
  claimable: boolean;
  urgent: boolean;
}

/**
 * The claim order of the contract ("the highest-priority open lead, older leads rise with age"):
 * effective priority = priority + min(cap, floor(hours waited × points)), then the oldest, then
 * the id, computed here in plain code and compared with what ClaimLeadService hands out, one claim
 * at a time, on real PostgreSQL. Ages keep at least 3 minutes from any half-hour step (with 2
 * points an hour, the effective priority changes every 30 minutes), so the seconds the test takes
 * cannot move a lead across one.
 */
describe('claims come out in the contracted order', () => {
  let env: TestDatabase;
  let ds: DataSource;
  let claims: ClaimLeadService;
  let now: number;
  const user = { id: randomUUID(), username: 'inv-order', role: 'investigator' };

  const effective = (r: Row) =>
    r.priority + Math.min(CAP, Math.floor(((now - r.openedAt) / HOUR) * POINTS));
  const before = (a: Row, b: Row) =>
    Number(b.urgent) - Number(a.urgent) ||
    effective(b) - effective(a) ||
    a.openedAt - b.openedAt ||
    (a.id < b.id ? -1 : 1);

  const insert = async (specs: Spec[]): Promise<Row[]> => {
    const rows: Row[] = specs.map((s) => ({
      id: randomUUID(),
      priority: s.priority,
      openedAt: now - s.ageMs,
      ward: s.ward ?? WARDS[0],
      claimable: (s.state ?? 'open') === 'open' || s.state === 'lapsed',
      urgent: s.urgent ?? false,
    }));
    const stage = (s: Spec) => (s.state === 'lapsed' || s.state === 'held' ? 'claimed' : s.state);
    await ds.query(
      `INSERT INTO leads (id, stage, priority, ward, category, origin_tip_id, opened_at,
         claimed_by, lease_expires_at, urgent)
       SELECT id, stage, priority, ward, 'theft', gen_random_uuid(), to_timestamp(opened / 1000.0),
         CASE WHEN stage = 'claimed' THEN 'someone-else' END,
         CASE WHEN lease = 'lapsed' THEN now() - interval '1 minute'
              WHEN lease = 'held' THEN now() + interval '1 hour' END, urgent
       FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::float8[], $6::text[],
         $7::boolean[])
         AS s(id, stage, priority, ward, opened, lease, urgent)`,
      [
        rows.map((r) => r.id),
        specs.map((s) => stage(s) ?? 'open'),
        rows.map((r) => r.priority),
        rows.map((r) => r.ward),
        rows.map((r) => r.openedAt),
        specs.map((s) => s.state ?? 'open'),
        rows.map((r) => r.urgent),
      ],
    );
    await ds.query('ANALYZE leads');
    return rows;
  };

  const claimIds = async (n: number, wards?: string[]): Promise<(string | null)[]> => {
    const out: (string | null)[] = [];
    for (let i = 0; i < n; i++) out.push((await claims.claim({ wards }, user))?.id ?? null);
    return out;
  };

  const clear = () => ds.query(`DELETE FROM leads`);

  beforeAll(async () => {
    env = await testDatabase('claim_order', 4);
    ds = env.ds;
    const config = leadsConfig.load({
      ...process.env,
      LEAD_AGE_POINTS_PER_HOUR: String(POINTS),
      LEAD_AGE_CAP: String(CAP),
    });
    claims = new ClaimLeadService(
      ds,
      new LeadsRepository(new CaseSuggester(), new TipsRepository(ds, new AuditWriter(ds))),
      config,
    );
  });

  beforeEach(async () => {
    await clear();
    const [{ t }]: { t: Date }[] = await ds.query(`SELECT date_trunc('second', now()) AS t`);
    now = t.getTime();
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('ranks by priority plus capped age points, then the oldest, across the cap (25 h)', async () => {
    const rows = await insert([
      { priority: 40, ageMs: 26 * HOUR + 10 * MINUTE }, // capped: 90
      { priority: 40, ageMs: 30 * HOUR + 10 * MINUTE }, // capped: 90, older
      { priority: 41, ageMs: 24 * HOUR + 40 * MINUTE }, // 41 + 49 = 90, just under the cap
      { priority: 45, ageMs: 24 * HOUR + 10 * MINUTE }, // 45 + 48 = 93
      { priority: 90, ageMs: 5 * MINUTE }, // fresh: 90, youngest of the 90s
      { priority: 39, ageMs: 100 * HOUR + 10 * MINUTE }, // capped: 89
      { priority: 100, ageMs: 10 * MINUTE }, // 100
      { priority: 0, ageMs: 25 * HOUR + 5 * MINUTE }, // capped: 50
      { priority: 0, ageMs: 24 * HOUR + 55 * MINUTE }, // 0 + 49 = 49, one step under the cap
      { priority: 70, ageMs: 5 * HOUR + 20 * MINUTE }, // 70 + 10 = 80
      { priority: 80, ageMs: 20 * MINUTE }, // 80, younger than the 70
    ]);
    const expected = [...rows].sort(before).map((r) => r.id);
    // Spelled out once, so the comparator itself is checked against the contract too.
    const index = (priority: number, ageH: number) =>
      rows.findIndex(
        (r) =>
          r.priority === priority && Math.floor((now - r.openedAt) / HOUR) === Math.floor(ageH),
      );
    expect(expected).toEqual(
      [
        [100, 0],
        [45, 24],
        [40, 30],
        [40, 26],
        [41, 24],
        [90, 0],
        [39, 100],
        [70, 5],
        [80, 0],
        [0, 25],
        [0, 24],
      ].map(([p, h]) => rows[index(p, h)].id),
    );
    expect(await claimIds(rows.length + 1)).toEqual([...expected, null]);
  });

  // Unranked: every lead as a claim finds it before any ranking pass (read by the formula).
  // Ranked: the housekeeper's pass stored each lead's age points (read off the claim index).
  it.each(['unranked', 'ranked'])(
    'matches the contracted order over random queues, with ward filters, lapsed and held leases, urgent leads first (%s)',
    async (ranking) => {
      let seed = 7;
      const rand = () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const specs: Spec[] = [];
      for (let i = 0; i < 300; i++) {
        const halfHours = Math.floor(rand() * 120); // up to 60 h: both sides of the cap
        specs.push({
          priority: Math.floor(rand() * 101),
          ageMs: halfHours * 30 * MINUTE + (3 + Math.floor(rand() * 24)) * MINUTE,
          ward: WARDS[Math.floor(rand() * WARDS.length)],
          state: (['open', 'open', 'open', 'open', 'lapsed', 'held', 'dismissed'] as const)[
            Math.floor(rand() * 7)
          ],
          urgent: rand() < 0.05,
        });
      }
      // More leads on one priority, opened at the same instant, than the queue reads per priority:
      // ties go to the id, and the per-priority lists are cut.
      for (let i = 0; i < 40; i++)
        specs.push({ priority: 97, ageMs: 10 * MINUTE, ward: WARDS[i % 2] });
      const rows = await insert(specs);
      if (ranking === 'ranked') expect(await claims.rankAll()).toBeGreaterThan(0);
      const left = rows.filter((r) => r.claimable);
      const got: (string | null)[] = [];
      const want: (string | null)[] = [];
      const tries = left.length + 60;
      for (let i = 0; i < tries; i++) {
        const wards = i % 3 === 0 ? [WARDS[i % WARDS.length]] : undefined;
        const next = left.filter((r) => !wards || wards.includes(r.ward)).sort(before)[0];
        want.push(next?.id ?? null);
        if (next) left.splice(left.indexOf(next), 1);
        got.push(...(await claimIds(1, wards)));
      }
      expect(got).toEqual(want);
      expect(left).toEqual([]);
    },
  );

  it('gives claims taken together the next leads in order, the first to arrive the first lead', async () => {
    let seed = 11;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const rows = await insert(
      Array.from({ length: 60 }, () => ({
        priority: Math.floor(rand() * 101),
        ageMs: Math.floor(rand() * 120) * 30 * MINUTE + (3 + Math.floor(rand() * 24)) * MINUTE,
        ward: WARDS[Math.floor(rand() * 2)],
        state: (['open', 'open', 'open', 'lapsed', 'held'] as const)[Math.floor(rand() * 5)],
        urgent: rand() < 0.05,
      })),
    );
    expect(await claims.rankAll()).toBeGreaterThan(0);
    const people = Array.from({ length: 30 }, (_, i) => ({
      id: randomUUID(),
      username: `inv-${i}`,
      role: 'investigator',
    }));
    const wardsOf = (i: number) => (i % 3 === 0 ? [WARDS[0]] : undefined);
    // Sent in one turn of the event loop: one batch. The claims with the same filters take the
    // next leads in claim order, in the order they came; the first filter set to arrive goes first.
    const got = await Promise.all(people.map((u, i) => claims.claim({ wards: wardsOf(i) }, u)));
    const left = rows.filter((r) => r.claimable);
    const want: (string | null)[] = people.map(() => null);
    const turns = [...people.keys()].sort((a, b) => (b % 3 === 0 ? 1 : 0) - (a % 3 === 0 ? 1 : 0));
    for (const i of turns) {
      const wards = wardsOf(i);
      const next = left.filter((r) => !wards || wards.includes(r.ward)).sort(before)[0];
      want[i] = next?.id ?? null;
      if (next) left.splice(left.indexOf(next), 1);
    }
    expect(got.map((v) => v?.id ?? null)).toEqual(want);
    const held: { id: string; claimed_by: string }[] = await ds.query(
      `SELECT id, claimed_by FROM leads WHERE id = ANY($1)`,
      [want.filter((id) => id !== null)],
    );
    const holder = new Map(held.map((r) => [r.id, r.claimed_by]));
    for (const [i, view] of got.entries()) {
      if (!view) continue;
      expect(view.claimedBy).toBe(people[i].id);
      expect(holder.get(view.id)).toBe(people[i].id);
    }
  });

  it('answers the claims a batch cannot serve with no lead, and the others in order', async () => {
    const rows = await insert(
      Array.from({ length: 8 }, (_, i) => ({
        priority: 10 * i,
        ageMs: (i % 4) * 30 * MINUTE + 10 * MINUTE,
        state: i === 2 ? ('lapsed' as const) : ('open' as const),
      })),
    );
    const order = [...rows].sort(before).map((r) => r.id);
    const people = Array.from({ length: 12 }, (_, i) => ({
      id: randomUUID(),
      username: `inv-dry-${i}`,
      role: 'investigator',
    }));
    const got = await Promise.all(people.map((u) => claims.claim({}, u)));
    expect(got.map((v) => v?.id ?? null)).toEqual([...order, null, null, null, null]);
  });

  const hold = async (ids: string[]): Promise<QueryRunner> => {
    const qr = ds.createQueryRunner();
    await qr.connect();
    await qr.startTransaction();
    await qr.query(`SELECT id FROM leads WHERE id = ANY($1) FOR UPDATE`, [ids]);
    return qr;
  };
  const whileHeld = async <T>(ids: string[], fn: () => Promise<T>): Promise<T> => {
    const qr = await hold(ids);
    try {
      return await fn();
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  };

  it('does not pass over a held queue head to a lead that comes later', async () => {
    // One priority with more leads than the queue reads per priority, the first 16 held: the
    // 17th comes next, not the best of the priority below.
    const same = await insert(
      Array.from({ length: 20 }, () => ({ priority: 60, ageMs: MINUTE * 5 })),
    );
    await insert(Array.from({ length: 5 }, () => ({ priority: 59, ageMs: MINUTE * 5 })));
    const sixties = [...same].sort(before).map((r) => r.id);
    expect(await whileHeld(sixties.slice(0, 16), () => claimIds(1))).toEqual([sixties[16]]);

    // Sixteen priorities whose old heads are held and whose other leads are fresh (low), and a
    // seventeenth whose fresh head beats all those: it comes next.
    await clear();
    const heads: string[] = [];
    for (let p = 30; p < 46; p++) {
      const [head] = await insert([
        { priority: p, ageMs: 24 * HOUR + 10 * MINUTE },
        { priority: p, ageMs: 5 * MINUTE },
      ]);
      heads.push(head.id);
    }
    const [sixty] = await insert([{ priority: 60, ageMs: 5 * MINUTE }]);
    expect(await whileHeld(heads, () => claimIds(1))).toEqual([sixty.id]);
  });

  it('skips leads other transactions hold, however many, and still keeps the order', async () => {
    const rows = await insert(
      Array.from({ length: 60 }, (_, i) => ({
        priority: 50 + (i % 3),
        ageMs: (i % 7) * 30 * MINUTE + 10 * MINUTE,
      })),
    );
    expect(await claims.rankAll()).toBe(60);
    const order = [...rows].sort(before).map((r) => r.id);
    // A few held (the queue's short read covers them) and many (more than it reads per priority).
    for (const held of [3, 25]) {
      expect(await whileHeld(order.slice(0, held), () => claimIds(1))).toEqual([order[held]]);
      order.splice(held, 1);
    }
    expect(await claimIds(order.length + 1)).toEqual([...order, null]);
  });
});
