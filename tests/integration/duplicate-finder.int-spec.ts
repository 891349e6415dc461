import { DataSource, EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { TipEntitiesFound } from '@app/database';
import { addressesDisagree, extractEntities, sharedEntities } from '@app/triage';
import { generateYearTips } from '@tools/scenario';
import { testDatabase, TestDatabase } from '@app/testing';
import { DuplicateFinder, DuplicateMatch, isDuplicateEvidence, normalizeText } from '@app/triage';

const WARDS = ['Phường 1', 'Phường 2'];
const DAY = 86_400_000;

interface Stored {
  id: string;
  ward: string;
  receivedAt: Date;
  category: string;
  norm: string;
  entities: TipEntitiesFound;
}

/**
 * The duplicate finder has the database return only tips that can pass the duplicate rules
 * (similar enough text, or shared entity values with a little common text). Here it is compared
 * with the previous reading, which returned and scored every same-ward tip of the window, on real
 * PostgreSQL over a year of the scenario's tips (with its duplicates)
 * squeezed into ten days, so windows hold hundreds of tips.
 */
describe('duplicate finder: filtered candidates give the same answers as a full window scan', () => {
  let env: TestDatabase;
  let ds: DataSource;
  const stored: Stored[] = [];

  /** The previous implementation: every tip of the window, best by score. */
  const fullScan = async (
    m: EntityManager,
    tip: Stored,
    windowHours: number,
  ): Promise<DuplicateMatch | null> => {
    const rows: {
      id: string;
      reference: string;
      duplicate_of: string | null;
      root_reference: string | null;
      entities: TipEntitiesFound | null;
      sim: number;
    }[] = await m.query(
      `SELECT t.id, t.reference, t.duplicate_of, r.reference AS root_reference, t.category,
              t.entities, similarity(t.description_norm, $1) AS sim
       FROM tips t LEFT JOIN tips r ON r.id = t.duplicate_of
       WHERE t.ward = $2 AND t.id <> $3
         AND t.received_at BETWEEN $4::timestamptz - make_interval(hours => $5)
                               AND $4::timestamptz + make_interval(hours => $5)
         AND t.stage NOT IN ('received', 'rejected', 'needs_review')
         AND t.description_norm IS NOT NULL
       ORDER BY sim DESC, t.received_at, t.id`,
      [tip.norm, tip.ward, tip.id, tip.receivedAt.toISOString(), windowHours],
    );
    let best: { r: (typeof rows)[number]; shared: string[]; score: number } | null = null;
    for (const r of rows) {
      const shared = r.entities ? sharedEntities(tip.entities, r.entities) : [];
      const disagree = r.entities ? addressesDisagree(tip.entities, r.entities) : false;
      const sim = Number(r.sim);
      if (!isDuplicateEvidence(sim, shared, disagree)) continue;
      const score = sim + shared.length * 0.5;
      if (!best || score > best.score) best = { r, shared, score };
    }
    if (!best) return null;
    return {
      rootId: best.r.duplicate_of ?? best.r.id,
      rootReference: best.r.root_reference ?? best.r.reference,
      similarity: Math.round(Number(best.r.sim) * 100) / 100,
      shared: best.shared,
    };
  };

  beforeAll(async () => {
    env = await testDatabase('duplicate_finder');
    ds = env.ds;

    const tips = generateYearTips({ wards: WARDS, total: 1_500, seed: 4_242 });
    const times = tips.map((t) => Date.parse(t.receivedAt));
    const t0 = Math.min(...times);
    const span = Math.max(...times) - t0 || 1;
    const idByRef = new Map<string, string>();
    const rows = tips.map((t, i) => {
      const id = randomUUID();
      idByRef.set(t.externalRef, id);
      const stage = i % 13 === 0 ? 'received' : i % 11 === 0 ? 'rejected' : 'triaged';
      const entities = extractEntities(t.description, t.location?.address ?? null);
      return {
        id,
        ref: `DF-${i}`,
        stage,
        category: t.category,
        ward: t.ward,
        description: t.description,
        receivedAt: new Date(t0 + ((times[i] - t0) / span) * 10 * DAY),
        norm: stage === 'received' ? null : normalizeText(t.description),
        entities,
        duplicateOf: t.truth.duplicateOf,
      };
    });
    await ds.query(
      `INSERT INTO tips (id, reference, stage, channel, category, ward, description, received_at,
         anonymous, has_contact, description_norm, entities)
       SELECT id, ref, stage, 'hotline', category, ward, description, received_at, true, false,
         norm, entities
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
         $7::timestamptz[], $8::text[], $9::jsonb[])
         AS x(id, ref, stage, category, ward, description, received_at, norm, entities)`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.ref),
        rows.map((r) => r.stage),
        rows.map((r) => r.category),
        rows.map((r) => r.ward),
        rows.map((r) => r.description),
        rows.map((r) => r.receivedAt.toISOString()),
        rows.map((r) => r.norm),
        rows.map((r) => JSON.stringify(r.entities)),
      ],
    );
    // Duplicates point at their originals, as triage left them.
    for (const r of rows) {
      const root = r.duplicateOf ? idByRef.get(r.duplicateOf) : undefined;
      if (root && r.stage === 'triaged')
        await ds.query(`UPDATE tips SET duplicate_of = $2 WHERE id = $1`, [r.id, root]);
    }
    // Entity values of triaged tips, as triage writes them.
    const values = rows
      .filter((r) => r.stage === 'triaged')
      .flatMap((r) => [
        ...r.entities.phones.map((v) => [r.id, 'phone', v]),
        ...r.entities.plates.map((v) => [r.id, 'plate', v]),
        ...r.entities.addresses.map((v) => [r.id, 'address', v]),
      ]);
    await ds.query(
      `INSERT INTO tip_entity_values (tip_id, kind, value)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
      [values.map((v) => v[0]), values.map((v) => v[1]), values.map((v) => v[2])],
    );
    // The duplicate search's rows of the tips triage passed, as triage writes them.
    await ds.query(
      `INSERT INTO tip_search (tip_id, ward, received_at, trgm, landmarks, people, streets)
       SELECT id, ward, received_at, tt_trgm(description_norm),
              ARRAY(SELECT jsonb_array_elements_text(COALESCE(entities -> 'landmarks', '[]'))),
              ARRAY(SELECT jsonb_array_elements_text(COALESCE(entities -> 'people', '[]'))),
              ARRAY(SELECT jsonb_array_elements_text(COALESCE(entities -> 'streets', '[]')))
       FROM tips WHERE stage = 'triaged'`,
    );
    await ds.query('ANALYZE tips; ANALYZE tip_entity_values; ANALYZE tip_search');
    for (const r of rows)
      if (r.norm)
        stored.push({
          id: r.id,
          ward: r.ward,
          receivedAt: r.receivedAt,
          category: r.category,
          norm: r.norm,
          entities: r.entities,
        });
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('finds the same original, similarity and shared entities for every tip', async () => {
    const finder = new DuplicateFinder();
    let found = 0;
    let byEntity = 0;
    const ms = { fullScan: 0, finder: 0 };
    // Every third tip (the run stays well inside the test timeout on a busy machine).
    for (const tip of stored.filter((_, i) => i % 3 === 0)) {
      await ds.transaction(async (m) => {
        let t = performance.now();
        const want = await fullScan(m, tip, 48);
        ms.fullScan += performance.now() - t;
        t = performance.now();
        const got = await finder.find(m, tip, tip.norm, tip.entities, 48);
        ms.finder += performance.now() - t;
        expect({ tip: tip.id, match: got }).toEqual({ tip: tip.id, match: want });
        if (want) found++;
        if (want?.shared.length) byEntity++;
      });
    }
    console.log(
      `duplicate finder over ${stored.length} tips: ${found} matches (${byEntity} by entity); ` +
        `full scan ${Math.round(ms.fullScan)} ms, filtered ${Math.round(ms.finder)} ms in all`,
    );
    // The comparison means something only if both kinds of match occur.
    expect(found).toBeGreaterThan(30);
    expect(byEntity).toBeGreaterThan(5);
  }, 600_000);
});
