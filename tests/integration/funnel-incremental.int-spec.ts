import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FunnelProjector, FunnelRepository } from '@app/reports';
import { testDatabase, TestDatabase } from '@app/testing';

const WARDS = ['Phường 1', 'Phường 2', 'Phường 3'];
const TABLES = [
  'funnel_rollup',
  'funnel_rollup_month',
  'funnel_case_keys',
  'funnel_case_firsts',
  'funnel_tip_facts',
];

/**
 * The funnel projector keeps its tables by difference: a pass counts only the tips that changed,
 * a pass that dies halfway leaves nothing behind, and whatever the order of passes the tables
 * equal a rebuild from the record. Real PostgreSQL, the product's projector.
 */
describe('funnel projector: by difference, exactly once', () => {
  let env: TestDatabase;
  let ds: DataSource;
  let repo: FunnelRepository;
  let projector: FunnelProjector;
  let n = 0;

  /** Every row of the reporting tables, in a stable order, as text. */
  const snapshot = async () => {
    const out: Record<string, string[]> = {};
    for (const t of TABLES) {
      const rows: { r: string }[] = await ds.query(`SELECT x::text AS r FROM ${t} x ORDER BY 1`);
      out[t] = rows.map((x) => x.r);
    }
    return out;
  };

  const insertTips = async (count: number, day: string, caseId: string | null) => {
    for (let i = 0; i < count; i++) {
      n++;
      const at = `${day}T${String(n % 24).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00Z`;
      await ds.query(
        `INSERT INTO tips (id, reference, stage, channel, category, ward, description, received_at,
           anonymous, has_contact, created_at, triaged_at, claimed_at, case_id, case_status, arrests)
         VALUES ($1, $2, $3, $4, $5, $6, 'hand-built tip', $7, false, false, $7,
                 $7::timestamptz + interval '40 seconds', $7::timestamptz + interval '20 minutes',
                 $8, $9, 0)`,
        [
          randomUUID(),
          `FI-${n}`,
          caseId ? 'linked' : 'lead_claimed',
          n % 2 ? 'hotline' : 'web',
          n % 3 ? 'theft' : 'robbery',
          WARDS[n % 3],
          at,
          caseId,
          caseId ? 'open' : null,
        ],
      );
    }
  };

  beforeAll(async () => {
    env = await testDatabase('funnel_incremental', 4);
    ds = env.ds;
    repo = new FunnelRepository(ds);
    projector = new FunnelProjector(repo);
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('counts only what changed, survives a pass that dies, and equals a rebuild', async () => {
    const caseA = randomUUID();
    const caseB = randomUUID();
    await insertTips(200, '2024-05-02', null);
    await insertTips(6, '2024-05-02', caseA);
    await insertTips(4, '2024-05-03', caseB);
    await projector.projectOnce();

    // A pass now finds nothing to count, though it sees the last seconds' tips again.
    const quiet = await repo.transaction(async (m) => {
      const since = await repo.watermark(m, 'funnel');
      return repo.gatherChangedTips(m, since, 15);
    });
    expect(quiet).toBe(0);

    // Three tips change: one rejected, one linked to case B, one moved to another ward.
    const ids: { id: string }[] = await ds.query(
      `SELECT id FROM tips WHERE case_id IS NULL ORDER BY reference LIMIT 3`,
    );
    await ds.query(`UPDATE tips SET stage = 'rejected' WHERE id = $1`, [ids[0].id]);
    await ds.query(`UPDATE tips SET case_id = $2, stage = 'linked', arrests = 2 WHERE id = $1`, [
      ids[1].id,
      caseB,
    ]);
    await ds.query(`UPDATE tips SET ward = 'Phường 9' WHERE id = $1`, [ids[2].id]);

    // A pass that dies after adding the differences leaves nothing of them behind.
    const before = await snapshot();
    await expect(
      repo.transaction(async (m) => {
        const since = await repo.watermark(m, 'funnel');
        expect(await repo.gatherChangedTips(m, since, 15)).toBe(3);
        await repo.applyTipDeltas(m);
        await repo.recomputeChangedCases(m);
        throw new Error('killed mid-pass');
      }),
    ).rejects.toThrow('killed mid-pass');
    expect(await snapshot()).toEqual(before);

    // Begun again, twice: counted once, and the same as a rebuild from the record.
    await projector.projectOnce();
    await projector.projectOnce();
    const after = await snapshot();
    expect(after).not.toEqual(before);
    await projector.rebuild();
    expect(await snapshot()).toEqual(after);

    const [day]: { received: number; rejected: number; linked: number }[] = await ds.query(
      `SELECT sum(received)::int AS received, sum(rejected)::int AS rejected, sum(linked)::int AS linked
       FROM funnel_rollup WHERE category = '*' AND channel = '*' AND day = '2024-05-02'`,
    );
    expect(day).toEqual({ received: 206, rejected: 1, linked: 7 });
    const [moved]: { n: number }[] = await ds.query(
      `SELECT sum(received)::int AS n FROM funnel_rollup
       WHERE category = '*' AND channel = '*' AND ward = 'Phường 9'`,
    );
    expect(moved.n).toBe(1);
  });
});
