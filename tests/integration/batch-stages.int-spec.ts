import { DataSource } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { deadlinesConfig, pipelineConfig, referenceConfig } from '@app/config';
import { OutboxWriter } from '@app/dispatch';
import { CaseSuggester, LinkTipService } from '@app/linkage';
import { insertReceivedTips, squeezedYearTips, TestDatabase, testDatabase } from '@app/testing';
import { TipsRepository } from '@app/tips';
import { DuplicateFinder, TriageRepository, TriageTipService } from '@app/triage';

const WARDS = ['Phường 1', 'Phường 2', 'Phường 3'];
const TOTAL = 600;

interface Stack {
  env: TestDatabase;
  ds: DataSource;
  triage: TriageTipService;
  linkage: LinkTipService;
}

async function stack(name: string): Promise<Stack> {
  const env = await testDatabase(name, 2, { jit: 'off' });
  const ds = env.ds;
  const tips = new TipsRepository(ds, new AuditWriter(ds));
  const triage = new TriageTipService(
    ds,
    new DuplicateFinder(referenceConfig.load({})),
    tips,
    new TriageRepository(),
    new OutboxWriter(ds),
    pipelineConfig.load({}),
  );
  const linkage = new LinkTipService(
    ds,
    new CaseSuggester(),
    tips,
    deadlinesConfig.load({}),
    new OutboxWriter(ds),
  );
  return { env, ds, triage, linkage };
}

/**
 * Batched stages decide exactly as one tip at a time: the same tips, in two databases, triaged
 * and linked one by one in received order in the first and in batches of 32 in the second, end
 * with the same stages, the same duplicates, the same grouping into leads, and the same trail.
 * A year of the scenario's tips (with its duplicates, in three neighbouring wards) squeezed into
 * five days, so batches hold reports of one event and their duplicates.
 */
describe('batched triage and linkage decide as one tip at a time', () => {
  let one: Stack;
  let many: Stack;
  const ids: string[] = [];

  beforeAll(async () => {
    [one, many] = await Promise.all([stack('batch_one'), stack('batch_many')]);
    const rows = squeezedYearTips({
      wards: WARDS,
      total: TOTAL,
      seed: 7_117,
      days: 5,
      prefix: 'BS',
    });
    ids.push(...rows.map((r) => r.id));
    for (const s of [one, many]) await insertReceivedTips(s.ds, rows);
  }, 120_000);

  afterAll(async () => {
    for (const s of [one, many]) {
      await s?.env.cleanup();
    }
  });

  const outcome = async (s: Stack) => {
    const rows = await s.ds.query<
      {
        id: string;
        stage: string;
        duplicate_of: string | null;
        priority: number;
        urgent: boolean;
        review_reason: string | null;
        origin: string | null;
      }[]
    >(
      `SELECT t.id, t.stage, t.duplicate_of, t.priority, t.urgent, t.review_reason,
              l.origin_tip_id AS origin
       FROM tips t LEFT JOIN leads l ON l.id = t.lead_id ORDER BY t.id`,
    );
    const events = await s.ds.query<{ tip_id: string; types: string }[]>(
      `SELECT tip_id, string_agg(type, ',' ORDER BY at, id) AS types FROM tip_events
       GROUP BY tip_id ORDER BY tip_id`,
    );
    return { rows, events };
  };

  it('ends with the same stages, duplicates, leads and trails', async () => {
    for (const id of ids) await one.triage.triage(id);
    for (let i = 0; i < ids.length; i += 32) await many.triage.triageMany(ids.slice(i, i + 32));
    for (const id of ids) await one.linkage.link(id);
    for (let i = 0; i < ids.length; i += 32) {
      const results = await many.linkage.linkMany(ids.slice(i, i + 32));
      // Within a batch a duplicate's original comes first (received order): none waits.
      expect([...results.values()].filter((r) => r instanceof Error)).toEqual([]);
    }

    const a = await outcome(one);
    const b = await outcome(many);
    const duplicates = a.rows.filter((r) => r.duplicate_of).length;
    const leads = new Set(a.rows.map((r) => r.origin).filter(Boolean)).size;
    // The set is worth comparing: it has duplicates, leads, and tips held for review.
    expect(duplicates).toBeGreaterThan(20);
    expect(leads).toBeGreaterThan(100);
    // Some duplicates repeat a tip of their own batch: the batch's own pairs were compared.
    const index = new Map(ids.map((id, i) => [id, i]));
    const inBatch = b.rows.filter(
      (r) =>
        r.duplicate_of &&
        Math.floor(index.get(r.id)! / 32) === Math.floor(index.get(r.duplicate_of)! / 32),
    ).length;
    expect(inBatch).toBeGreaterThan(5);
    expect(b.rows).toEqual(a.rows);
    expect(b.events).toEqual(a.events);

    const outbox = async (s: Stack) =>
      (
        await s.ds.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM outbox WHERE queue = 'linkage'`,
        )
      )[0].n;
    expect(await outbox(many)).toBe(await outbox(one));
  }, 300_000);

  it('changes nothing when a batch is delivered again', async () => {
    const before = await outcome(many);
    const again = await many.triage.triageMany(ids.slice(0, 32));
    expect([...again.values()]).toEqual(Array(32).fill('skipped'));
    const linked = await many.linkage.linkMany(ids.slice(0, 32));
    expect([...linked.values()]).toEqual(Array(32).fill('skipped'));
    expect(await outcome(many)).toEqual(before);
  });
});
