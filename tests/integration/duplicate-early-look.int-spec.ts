import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { pipelineConfig, referenceConfig } from '@app/config';
import { OutboxWriter } from '@app/dispatch';
import { insertReceivedTips, squeezedYearTips, testDatabase, TestDatabase } from '@app/testing';
import { TipsRepository } from '@app/tips';
import {
  BatchQuery,
  DUPLICATE_RULES,
  DuplicateFinder,
  DuplicatesRepository,
  entityValueRows,
  ExtractedEntities,
  extractEntities,
  normalizeText,
  TriageRepository,
  TriageTipService,
} from '@app/triage';
import { TrigramSet, trigramSimilarity } from '../../libs/triage/src/search-window';

const WARDS = ['Phường 1', 'Phường 2', 'Phường 3'];
const TOTAL = 240;
const WINDOW_HOURS = 48;

/**
 * Triage searches for duplicates before it takes the wards' locks (an early look, one snapshot)
 * and completes the search under them with only the tips committed since. Here every tip's
 * early look is taken before the tip just ahead of it is triaged and committed, the race the
 * locks used to close, and the completed search must answer exactly what a whole search made
 * after that commit answers. Real PostgreSQL, a year of the scenario's tips (with its duplicates)
 * squeezed into three days.
 */
describe('duplicate search: an early look completed under the locks', () => {
  let env: TestDatabase;
  let ds: DataSource;
  let triage: TriageTipService;
  const finder = new DuplicateFinder(referenceConfig.load({}));
  const queries: BatchQuery[] = [];

  beforeAll(async () => {
    env = await testDatabase('duplicate_early', 4);
    ds = env.ds;
    triage = new TriageTipService(
      ds,
      finder,
      new TipsRepository(ds, new AuditWriter(ds)),
      new TriageRepository(),
      new OutboxWriter(ds),
      pipelineConfig.load({}),
    );
    const rows = squeezedYearTips({
      wards: WARDS,
      total: TOTAL,
      seed: 4_242,
      days: 3,
      prefix: 'EL',
    });
    await insertReceivedTips(ds, rows);
    for (const r of rows)
      queries.push({
        id: r.id,
        reference: r.reference,
        ward: r.ward,
        receivedAt: r.receivedAt,
        category: r.category,
        norm: normalizeText(r.description),
        entities: extractEntities(r.description, r.address),
      });
  }, 60_000);

  afterAll(async () => {
    await env?.cleanup();
  });

  const lookEarly = (q: BatchQuery) => finder.lookEarly(ds.manager, [q], WINDOW_HOURS);

  it('finds what a whole search finds, the tips committed after the look included', async () => {
    let onlyAfterLook = 0;
    let found = 0;
    for (let i = 1; i < queries.length; i++) {
      const q = queries[i];
      const early = await lookEarly(q);
      // The tip ahead is triaged and committed after the look was taken.
      await triage.triageMany([queries[i - 1].id]);
      const [completed, whole] = await ds.transaction(async (m) => [
        (await finder.findMany(m, [q], WINDOW_HOURS, early))[0],
        (await finder.findMany(m, [q], WINDOW_HOURS))[0],
      ]);
      expect(completed).toEqual(whole);
      if (whole) found++;
      const seenEarly = (early.found.get(q.id) ?? []).map((c) => c.id);
      if (whole && !seenEarly.includes(queries[i - 1].id)) {
        const [root] = await ds.query<{ id: string }[]>(
          `SELECT COALESCE(duplicate_of, id) AS id FROM tips WHERE id = $1`,
          [queries[i - 1].id],
        );
        if (root.id === whole.rootId) onlyAfterLook++;
      }
    }
    // The set is worth it: duplicates were found, and some only through the tip committed after
    // the look (the rows read under the locks).
    expect(found).toBeGreaterThan(10);
    expect(onlyAfterLook).toBeGreaterThan(0);
  }, 120_000);

  it('reads under the locks only the rows the look could not see', async () => {
    // A tip with a duplicate among the tips triaged above, all committed before the look.
    let q: BatchQuery | undefined;
    for (const c of [...queries].reverse()) {
      const [m] = await ds.transaction((m) => finder.findMany(m, [c], WINDOW_HOURS));
      if (m) {
        q = c;
        break;
      }
    }
    if (!q) throw new Error('no tip with a duplicate');
    const early = await lookEarly(q);
    expect((early.found.get(q.id) ?? []).length).toBeGreaterThan(0);
    // Without what the look found, the completion alone finds nothing: it read no row the look saw.
    const completionOnly = await ds.transaction((m) =>
      finder.findMany(m, [q], WINDOW_HOURS, { ...early, found: new Map() }),
    );
    expect(completionOnly).toEqual([null]);
  });

  it('answers from memory exactly what the SQL search answers, looks after commits included', async () => {
    // A new process's finder: it holds nothing yet, then is brought up to date look by look.
    const fresh = new DuplicateFinder(referenceConfig.load({}));
    const reference = referenceConfig.load({});
    const sql = new DuplicatesRepository();
    const slack = 1e-4;
    const bounds = {
      textOnly: DUPLICATE_RULES.textOnly - slack,
      withSharedEntity: DUPLICATE_RULES.withSharedEntity - slack,
      withSharedPlace: DUPLICATE_RULES.withSharedPlace - slack,
      withSharedStreet: DUPLICATE_RULES.withSharedStreet - slack,
    };
    const strong = new Set(['phone', 'plate', 'address']);
    const key = (c: { id: string; sim: number }) => `${c.id}@${c.sim}`;
    let compared = 0;
    let candidates = 0;
    for (let b = 0; b < queries.length; b += 40) {
      const batch = queries.slice(b, b + 40);
      const early = await fresh.lookEarly(ds.manager, batch, WINDOW_HOURS);
      const rows = await sql.candidates(
        ds.manager,
        batch.map((q, i) => {
          const found: ExtractedEntities = q.entities;
          const e = entityValueRows(found);
          return {
            i,
            id: q.id,
            ward: q.ward,
            neighbours: reference.neighbours[q.ward] ?? [],
            received_at: q.receivedAt.toISOString(),
            norm: q.norm,
            sk: e.kinds.filter((k) => strong.has(k)),
            sv: e.values.filter((_, j) => strong.has(e.kinds[j])),
            landmarks: found.landmarks ?? [],
            people: found.people ?? [],
            streets: found.streets ?? [],
          };
        }),
        WINDOW_HOURS,
        bounds,
      );
      batch.forEach((q, i) => {
        const byKey = (a: { id: string; sim: number }, b: { id: string; sim: number }) =>
          key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
        const want = rows.filter((r) => r.i === i).map(({ i: _, ...c }) => c);
        const got = early.found.get(q.id) ?? [];
        expect([...got].sort(byKey)).toEqual(want.sort(byKey));
        compared++;
        candidates += want.length;
      });
      // Tips triaged between two looks reach the next one as rows committed since its snapshot.
      if (b === 80) {
        const late = squeezedYearTips({
          wards: WARDS,
          total: 60,
          seed: 77,
          days: 3,
          prefix: 'EL2',
        });
        await insertReceivedTips(ds, late);
        await triage.triageMany(late.map((t) => t.id));
      }
    }
    expect(compared).toBe(queries.length);
    expect(candidates).toBeGreaterThan(50);
  }, 120_000);

  it('takes in at the next look a row whose writer was still open at the last one', async () => {
    const fresh = new DuplicateFinder(referenceConfig.load({}));
    // A tip with a candidate: the copy below will be found as that candidate is.
    let q: BatchQuery | undefined;
    let src: { id: string } | undefined;
    for (const c of [...queries].reverse()) {
      const look = await new DuplicateFinder(referenceConfig.load({})).lookEarly(
        ds.manager,
        [c],
        WINDOW_HOURS,
      );
      [src] = look.found.get(c.id) ?? [];
      q = c;
      if (src) break;
    }
    if (!q || !src) throw new Error('no tip with a candidate');
    const copy = randomUUID();
    const open = ds.createQueryRunner();
    await open.connect();
    try {
      // A report written word for word like an earlier one, by a writer that has not committed.
      await open.startTransaction();
      await open.query(
        `INSERT INTO tips (id, reference, stage, channel, category, ward, description,
           location_address, received_at, anonymous, has_contact, description_norm, entities)
         SELECT $1, 'EL-OPEN', 'triaged', channel, category, ward, description, location_address,
                received_at + interval '1 second', anonymous, has_contact, description_norm, entities
         FROM tips WHERE id = $2`,
        [copy, src.id],
      );
      await open.query(
        `INSERT INTO tip_search (tip_id, ward, received_at, trgm, landmarks, people, streets)
         SELECT $1, ward, received_at + interval '1 second', trgm, landmarks, people, streets
         FROM tip_search WHERE tip_id = $2`,
        [copy, src.id],
      );
      // A later transaction commits, so the open writer is inside the next snapshot's range.
      await ds.query('SELECT pg_current_xact_id()');
      const first = await fresh.lookEarly(ds.manager, [q], WINDOW_HOURS);
      expect(first.snapshot.split(':')[2]).not.toBe('');
      const before = (first.found.get(q.id) ?? []).map((c) => c.id);
      expect(before).toContain(src.id);
      expect(before).not.toContain(copy);
      await open.commitTransaction();
    } finally {
      if (open.isTransactionActive) await open.rollbackTransaction();
      await open.release();
    }
    const next = await fresh.lookEarly(ds.manager, [q], WINDOW_HOURS);
    const found = next.found.get(q.id) ?? [];
    const original = found.find((c) => c.id === src.id);
    expect(found.find((c) => c.id === copy)).toEqual(
      expect.objectContaining({ reference: 'EL-OPEN', sim: original?.sim }),
    );
  });

  it('answers two looks made at once as it answers them one after the other', async () => {
    const at = (look: { found: Map<string, { id: string; sim: number }[]> }) =>
      [...look.found.entries()].map(([id, cs]) => [id, cs.map((c) => `${c.id}@${c.sim}`)]);
    const a = queries.slice(0, 60);
    const b = queries.slice(60, 120);
    const together = new DuplicateFinder(referenceConfig.load({}));
    const [la, lb] = await Promise.all([
      together.lookEarly(ds.manager, a, WINDOW_HOURS),
      together.lookEarly(ds.manager, b, WINDOW_HOURS),
    ]);
    const apart = new DuplicateFinder(referenceConfig.load({}));
    const sa = await apart.lookEarly(ds.manager, a, WINDOW_HOURS);
    const sb = await apart.lookEarly(ds.manager, b, WINDOW_HOURS);
    expect(at(la)).toEqual(at(sa));
    expect(at(lb)).toEqual(at(sb));
    expect(at(la).some(([, cs]) => cs.length > 0)).toBe(true);
  });
  it("compares a batch's own tips in memory exactly as PostgreSQL does", async () => {
    const batch = queries.slice(0, 80);
    const early = await finder.lookEarly(ds.manager, batch, WINDOW_HOURS);
    const pairs: [number, number][] = [];
    for (let b = 1; b < batch.length; b++) for (let a = 0; a < b; a++) pairs.push([a, b]);
    const inSql = await new DuplicatesRepository().pairSimilarities(
      ds.manager,
      batch.map((q) => q.norm),
      pairs,
    );
    const sets = batch.map((q) => new TrigramSet(early.trigrams.get(q.id)!));
    const inMemory = pairs.map(([a, b]) => ({
      a,
      b,
      sim: trigramSimilarity(sets[a], early.trigrams.get(batch[b].id)!),
    }));
    expect(inMemory).toEqual(inSql.map((r) => ({ a: r.a, b: r.b, sim: Number(r.sim) })));
    // Pairs across the rules' bounds, not only strangers.
    expect(inMemory.filter((p) => p.sim >= DUPLICATE_RULES.textOnly).length).toBeGreaterThan(0);
    expect(
      inMemory.filter((p) => p.sim > 0 && p.sim < DUPLICATE_RULES.withSharedPlace).length,
    ).toBeGreaterThan(0);
  });

  it('decides batches after an early look as without one, and sends no pair to the database', async () => {
    class Counting extends DuplicatesRepository {
      pairs = 0;
      override pairSimilarities(...args: Parameters<DuplicatesRepository['pairSimilarities']>) {
        this.pairs += args[2].length;
        return super.pairSimilarities(...args);
      }
    }
    const repo = new Counting();
    const counted = new DuplicateFinder(referenceConfig.load({}), repo);
    let found = 0;
    for (let i = 0; i < queries.length; i += 24) {
      const batch = queries.slice(i, i + 24);
      const early = await counted.lookEarly(ds.manager, batch, WINDOW_HOURS);
      const withLook = await ds.transaction((m) => counted.findMany(m, batch, WINDOW_HOURS, early));
      expect(repo.pairs).toBe(0);
      const whole = await ds.transaction((m) => counted.findMany(m, batch, WINDOW_HOURS));
      expect(repo.pairs).toBeGreaterThan(0);
      repo.pairs = 0;
      expect(withLook).toEqual(whole);
      found += whole.filter((m) => m !== null).length;
    }
    expect(found).toBeGreaterThan(10);
  });
  it('keeps the details of the candidates asked for most recently, letting go of the least recent', async () => {
    class Counting extends DuplicatesRepository {
      unknown: string[] = [];
      override triagedCandidates(
        ...args: Parameters<DuplicatesRepository['triagedCandidates']>
      ): ReturnType<DuplicatesRepository['triagedCandidates']> {
        this.unknown.push(...args[2]);
        return super.triagedCandidates(...args);
      }
    }
    // Three tips A, B and C: B with candidates A has not, C with candidates neither has, and
    // candidates of A and of B (not A's) that C has not.
    const probe = new DuplicateFinder(referenceConfig.load({}));
    const sets: { q: BatchQuery; ids: Set<string> }[] = [];
    for (const q of queries.slice(0, 40)) {
      const found = (await probe.lookEarly(ds.manager, [q], WINDOW_HOURS)).found.get(q.id) ?? [];
      if (found.length > 0) sets.push({ q, ids: new Set(found.map((f) => f.id)) });
    }
    const minus = (x: Set<string>, ...ys: Set<string>[]) =>
      new Set([...x].filter((id) => !ys.some((y) => y.has(id))));
    const picked = (() => {
      for (const a of sets)
        for (const b of sets)
          for (const c of sets) {
            const bOnly = minus(b.ids, a.ids);
            if (
              minus(c.ids, a.ids, b.ids).size > 0 &&
              minus(bOnly, c.ids).size > 0 &&
              minus(a.ids, c.ids).size > 0
            )
              return { a, b, c, bOnly };
          }
      throw new Error('no three tips to tell the orders apart');
    })();
    const { a, b, c, bOnly } = picked;
    const seen = new Set([...a.ids, ...b.ids, ...c.ids]);
    // Room for all but one of them.
    const repo = new Counting();
    const finder = new DuplicateFinder(referenceConfig.load({}), repo, seen.size - 1);
    const look = async (p: { q: BatchQuery }) => {
      repo.unknown = [];
      await finder.lookEarly(ds.manager, [p.q], WINDOW_HOURS);
      return new Set(repo.unknown);
    };
    expect(await look(a)).toEqual(a.ids);
    expect(await look(b)).toEqual(bOnly);
    // A asked for again: now more recent than B's own.
    expect(await look(a)).toEqual(new Set());
    // C's new details take all the room: one goes, the least recently asked for, one of B's own
    // that C did not ask for (first in, one of A's would have gone).
    expect(await look(c)).toEqual(minus(c.ids, a.ids, b.ids));
    expect(await look(a)).toEqual(new Set());
    const again = await look(b);
    expect(again.size).toBe(1);
    expect(minus(bOnly, c.ids).has([...again][0])).toBe(true);
  });

  it('reads again what may change of a candidate it has kept: whether it still is one, its first report', async () => {
    const kept = new DuplicateFinder(referenceConfig.load({}));
    let q: BatchQuery | undefined;
    let first:
      { id: string; duplicate_of: string | null; root_reference: string | null } | undefined;
    for (const c of queries) {
      const found = (await kept.lookEarly(ds.manager, [c], WINDOW_HOURS)).found.get(c.id) ?? [];
      first = found.find((f) => f.duplicate_of === null);
      if (first) {
        q = c;
        break;
      }
    }
    if (!q || !first) throw new Error('no tip with an original among its candidates');
    const candidate = first;
    const look = async () =>
      ((await kept.lookEarly(ds.manager, [q], WINDOW_HOURS)).found.get(q.id) ?? []).find(
        (f) => f.id === candidate.id,
      );
    // Read again from the details kept: the same candidate.
    expect(await look()).toEqual(candidate);
    const [root] = await ds.query<{ id: string; reference: string }[]>(
      `SELECT id, reference FROM tips WHERE stage NOT IN ('received', 'rejected', 'needs_review')
         AND duplicate_of IS NULL AND id <> $1 LIMIT 1`,
      [candidate.id],
    );
    const [{ stage }] = await ds.query<{ stage: string }[]>(
      `SELECT stage FROM tips WHERE id = $1`,
      [candidate.id],
    );
    try {
      await ds.query(`UPDATE tips SET duplicate_of = $2 WHERE id = $1`, [candidate.id, root.id]);
      expect(await look()).toEqual({
        ...candidate,
        duplicate_of: root.id,
        root_reference: root.reference,
      });
      await ds.query(`UPDATE tips SET stage = 'rejected' WHERE id = $1`, [candidate.id]);
      expect(await look()).toBeUndefined();
    } finally {
      await ds.query(`UPDATE tips SET stage = $2, duplicate_of = NULL WHERE id = $1`, [
        candidate.id,
        stage,
      ]);
    }
    expect(await look()).toEqual(candidate);
  });
});
