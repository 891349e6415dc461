import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ExtractedEntities } from './entities';
import type { WindowLoad, WindowRead, WindowRow, WindowSpan } from './search-window';

/** The most candidates a search returns for one tip (the most similar). */
export const CANDIDATES_PER_TIP = 500;

/** An earlier-triaged tip that may repeat a tip looked for. */
export interface DuplicateCandidate {
  id: string;
  reference: string;
  duplicate_of: string | null;
  root_reference: string | null;
  category: string;
  entities: ExtractedEntities | null;
  received_at: Date | string;
  sim: number;
}

/** One tip looked for: where, when, its text and the entities that place its event. */
export interface DuplicateSearch {
  /** The tip's position in its batch, given back with its candidates. */
  i: number;
  id: string;
  ward: string;
  neighbours: readonly string[];
  received_at: string;
  norm: string;
  /** Kinds and values of its phones, plates and addresses (tip_entity_values rows). */
  sk: string[];
  sv: string[];
  landmarks: string[];
  people: string[];
  streets: string[];
  /** tt_trgm(norm) when already computed (an early look's), so the search does not again. */
  known?: number[];
}

/**
 * The tips sharing one of search `q`'s phones, plates or house addresses (its `sk`, `sv`), as a
 * uuid[]: read by the early look and again by the search's completion, which must also see the
 * tips triaged since.
 */
const sharesOf = (q: string) =>
  `ARRAY(SELECT DISTINCT v.tip_id FROM tip_entity_values v
         JOIN unnest(${q}.sk, ${q}.sv) AS e(kind, value) ON v.kind = e.kind AND v.value = e.value)`;

/** The lowest similarity at which each duplicate rule can take a candidate. */
export interface SimilarityBounds {
  textOnly: number;
  withSharedEntity: number;
  withSharedPlace: number;
  withSharedStreet: number;
}

/** The duplicate search's reads (DuplicateFinder decides on what they return). */
@Injectable()
export class DuplicatesRepository {
  /**
   * For each search, the earlier-triaged tips of its wards within `windowHours` whose text is
   * similar enough (`bounds`) on its own or with an entity in common, at most CANDIDATES_PER_TIP per search,
   * most similar first. Tips waiting for review, rejected or not yet triaged are no originals.
   * It reads `tip_search`, the narrow rows triage wrote for the tips it passed, a ward's window
   * at a time. Similarity comes from their stored trigram arrays: pg_trgm's similarity()
   * exactly, without re-extracting the trigrams of every tip of the window. OFFSET 0 keeps the
   * intersection computed once per row, and only for the rows the scan keeps: those of the tip's
   * ward, and those of the wards around it that share something (tested at the scan, before any
   * intersection; most of a window's rows are of the wards around). Only the candidates that pass are read from `tips`.
   *
   * `since` is the snapshot of an early look (pg_current_snapshot(), taken in the transaction that
   * made it): the searches then read only the rows that look could not see, those whose writer
   * had not committed when it was taken: writers from the snapshot's xmin on (an index range) that
   * are not visible in it. They are read once for all the searches.
   */
  candidates(
    manager: EntityManager,
    searches: DuplicateSearch[],
    windowHours: number,
    bounds: SimilarityBounds,
    since: string | null = null,
  ): Promise<(DuplicateCandidate & { i: number })[]> {
    const fresh =
      since === null
        ? ''
        : `, fresh AS MATERIALIZED (
           SELECT * FROM tip_search
           WHERE xid >= $7::bigint
             AND NOT pg_visible_in_snapshot(xid::text::xid8, $8::pg_snapshot))`;
    return manager.query(
      `WITH q AS MATERIALIZED (
       SELECT q.*, COALESCE(q.known, tt_trgm(q.norm)) AS g, ${sharesOf('q')} AS shares
       FROM jsonb_to_recordset($1::jsonb) AS q(i int, id uuid, ward text, neighbours text[],
         received_at timestamptz, norm text, sk text[], sv text[], landmarks text[],
         people text[], streets text[], known int4[])
     )${fresh}
     SELECT q.i, c.*
     FROM q CROSS JOIN LATERAL (
       SELECT t.id, t.reference, t.duplicate_of, r.reference AS root_reference, t.category,
              t.entities, t.received_at, s.sim
       FROM (
         SELECT x.tip_id, sim.sim
         FROM ${since === null ? 'tip_search' : 'fresh'} x
         CROSS JOIN LATERAL (
           SELECT CASE WHEN c.n = 0 THEN 0::float4
                       ELSE c.n::float4 / (icount(x.trgm) + icount(q.g) - c.n)::float4
                  END AS sim
           FROM (SELECT icount(x.trgm & q.g) AS n OFFSET 0) c
         ) sim
         WHERE x.ward = ANY(q.ward || q.neighbours) AND x.tip_id <> q.id
           AND x.received_at BETWEEN q.received_at - make_interval(hours => $2)
                                 AND q.received_at + make_interval(hours => $2)
           AND (x.ward = q.ward OR x.tip_id = ANY(q.shares) OR x.landmarks && q.landmarks
                OR x.people && q.people OR x.streets && q.streets)
           AND (sim.sim >= $4
                OR (x.tip_id = ANY(q.shares) AND sim.sim >= $3)
                OR ((x.landmarks && q.landmarks OR x.people && q.people) AND sim.sim >= $5)
                OR (x.streets && q.streets AND sim.sim >= $6))
       ) s
       JOIN tips t ON t.id = s.tip_id
       LEFT JOIN tips r ON r.id = t.duplicate_of
       WHERE t.stage NOT IN ('received', 'rejected', 'needs_review')
       ORDER BY s.sim DESC, t.received_at, t.id LIMIT ${CANDIDATES_PER_TIP}
     ) c`,
      [
        JSON.stringify(searches),
        windowHours,
        bounds.withSharedEntity,
        bounds.textOnly,
        bounds.withSharedPlace,
        bounds.withSharedStreet,
        ...(since === null ? [] : [since.split(':')[0], since]),
      ],
    );
  }

  /**
   * An early look's one statement, all of it in one snapshot, which it answers: the
   * `tip_search` rows of the (ward, day)s in `loads`; the rows of the days held (`held`) whose
   * writers were not visible in `since` (the previous look's snapshot: writers from its xmin on,
   * by `tip_search_xid_idx`); and for each search its trigrams and the tips sharing one of its
   * phones, plates or house addresses. `pg_current_snapshot()` answers the active snapshot, which
   * is the one a lone statement's scans read in: `manager` must not be in a transaction (whose
   * snapshot would be older, or would see its own writes). `server` names the server's life
   * (postmaster start, and the statistics reset that crash recovery also makes): a restart, a
   * crash or a failover changes it, and with it what transaction ids mean.
   */
  async windowLook(
    manager: EntityManager,
    since: string | null,
    held: WindowSpan | null,
    loads: readonly WindowLoad[],
    searches: readonly DuplicateSearch[],
  ): Promise<WindowRead> {
    const iso = (us: number) => new Date(us / 1000).toISOString();
    const delta =
      since === null || held === null
        ? ''
        : `UNION ALL
           SELECT x.tip_id, x.ward, x.received_at, x.trgm, x.landmarks, x.people, x.streets
           FROM tip_search x
           WHERE x.xid >= $5::bigint AND NOT pg_visible_in_snapshot(x.xid::text::xid8, $6::pg_snapshot)
             AND x.ward = ANY($7::text[]) AND x.received_at >= $8 AND x.received_at < $9`;
    const raw = await manager.query<WindowLookRow[]>(
      `WITH r AS (
         SELECT x.tip_id, x.ward, x.received_at, x.trgm, x.landmarks, x.people, x.streets
         FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS b(ward, f, t)
         JOIN tip_search x ON x.ward = b.ward AND x.received_at >= b.f AND x.received_at < b.t
         ${delta}
       )
       SELECT 'snap' AS part, NULL::int AS i, pg_current_snapshot()::text AS snapshot,
              pg_postmaster_start_time()::text || ' ' ||
                COALESCE(pg_stat_get_bgwriter_stat_reset_time()::text, '') AS server,
              NULL::uuid AS tip_id, NULL::text AS ward, NULL::text AS us, NULL::bytea AS trgm,
              NULL::text[] AS landmarks, NULL::text[] AS people, NULL::text[] AS streets,
              NULL::uuid[] AS shares
       UNION ALL
       SELECT 'q', q.i, NULL, NULL, NULL, NULL, NULL, array_send(tt_trgm(q.norm)), NULL, NULL, NULL,
              ${sharesOf('q')}
       FROM jsonb_to_recordset($4::jsonb) AS q(i int, norm text, sk text[], sv text[])
       UNION ALL
       SELECT 'row', NULL, NULL, NULL, r.tip_id, r.ward,
              (extract(epoch FROM r.received_at) * 1000000)::bigint::text, array_send(r.trgm),
              r.landmarks,
              r.people, r.streets, NULL
       FROM r`,
      [
        loads.map((l) => l.ward),
        loads.map((l) => iso(l.fromUs)),
        loads.map((l) => iso(l.toUs)),
        JSON.stringify(searches.map(({ i, norm, sk, sv }) => ({ i, norm, sk, sv }))),
        ...(since === null || held === null
          ? []
          : [since.split(':')[0], since, held.wards, iso(held.fromUs), iso(held.toUs)]),
      ],
    );
    let snap: { snapshot: string; server: string } | null = null;
    const rows: WindowRow[] = [];
    const byI = new Map<number, { g: Int32Array; shares: Set<string> }>();
    for (const r of raw) {
      if (r.part === 'snap') snap = { snapshot: r.snapshot, server: r.server };
      else if (r.part === 'q')
        byI.set(r.i, { g: int4ArrayFromSend(r.trgm), shares: new Set(r.shares) });
      else
        rows.push({
          id: r.tip_id,
          ward: r.ward,
          us: Number(r.us),
          trgm: int4ArrayFromSend(r.trgm),
          landmarks: r.landmarks,
          people: r.people,
          streets: r.streets,
        });
    }
    if (snap === null) throw new Error('the window look answered no snapshot');
    const { snapshot, server } = snap;
    return {
      snapshot,
      server,
      rows,
      searches: searches.map((s) => ({
        ...s,
        g: byI.get(s.i)?.g ?? new Int32Array(),
        shares: byI.get(s.i)?.shares ?? new Set<string>(),
      })),
    };
  }

  /**
   * The candidates `ids` that are still earlier-triaged (not waiting, rejected or held for
   * review), each with what may change (`duplicate_of` and its first report's reference); those
   * of `unknown` also with what never changes once a tip is triaged (its reference, category,
   * entities and received time), which the caller keeps.
   */
  triagedCandidates(
    manager: EntityManager,
    ids: string[],
    unknown: string[],
  ): Promise<TriagedCandidateRow[]> {
    return manager.query(
      `SELECT t.id, t.duplicate_of, r.reference AS root_reference, u.id IS NOT NULL AS full,
              CASE WHEN u.id IS NOT NULL THEN t.reference END AS reference,
              CASE WHEN u.id IS NOT NULL THEN t.category END AS category,
              CASE WHEN u.id IS NOT NULL THEN t.entities END AS entities,
              CASE WHEN u.id IS NOT NULL THEN t.received_at END AS received_at
       FROM tips t LEFT JOIN tips r ON r.id = t.duplicate_of
       LEFT JOIN unnest($2::uuid[]) AS u(id) ON u.id = t.id
       WHERE t.id = ANY($1::uuid[]) AND t.stage NOT IN ('received', 'rejected', 'needs_review')`,
      [ids, unknown],
    );
  }

  /** The trigram similarity of each pair `[a, b]` of `norms` (indexes into `norms`). */
  pairSimilarities(
    manager: EntityManager,
    norms: string[],
    pairs: [number, number][],
  ): Promise<{ a: number; b: number; sim: number }[]> {
    return manager.query(
      `WITH g AS MATERIALIZED (
         SELECT (n.i - 1)::int AS i, tt_trgm(n.t) AS g
         FROM unnest($1::text[]) WITH ORDINALITY AS n(t, i)
       )
       SELECT p.a, p.b, CASE WHEN c.n = 0 THEN 0::float4
                             ELSE c.n::float4 / (icount(ga.g) + icount(gb.g) - c.n)::float4 END AS sim
       FROM unnest($2::int[], $3::int[]) AS p(a, b)
       JOIN g ga ON ga.i = p.a JOIN g gb ON gb.i = p.b
       CROSS JOIN LATERAL (SELECT icount(ga.g & gb.g) AS n OFFSET 0) c`,
      [norms, pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
  }
}

/** What a triaged tip's candidate row never changes once it is triaged. */
export type FixedCandidate = Pick<
  DuplicateCandidate,
  'reference' | 'category' | 'entities' | 'received_at'
>;

/** A row of triagedCandidates: the fixed part only when it was asked for (`full`). */
export type TriagedCandidateRow = Pick<
  DuplicateCandidate,
  'id' | 'duplicate_of' | 'root_reference'
> &
  (({ full: true } & FixedCandidate) | { full: false });

/** What the window look's statement answers: its snapshot, each search's part, each row. */
type WindowLookRow =
  | { part: 'snap'; snapshot: string; server: string }
  /** trgm: array_send of the int4[] (PostgreSQL's binary array, read without a text parse). */
  | { part: 'q'; i: number; trgm: Buffer | null; shares: string[] }
  | {
      part: 'row';
      tip_id: string;
      ward: string;
      /** received_at in microseconds since the epoch, as text (a bigint). */
      us: string;
      trgm: Buffer;
      landmarks: string[];
      people: string[];
      streets: string[];
    };

/**
 * An int4[] as array_send writes it (PostgreSQL's binary array format: dimensions, a null flag,
 * the element type, each dimension's length and lower bound, then each element's length and
 * value, big-endian), as an Int32Array. The text form took node-postgres's array parser some ten
 * times as long, for each row the window reads.
 */
export function int4ArrayFromSend(b: Buffer | null): Int32Array {
  if (b === null || b.readInt32BE(0) === 0) return new Int32Array(0);
  if (b.readInt32BE(0) !== 1 || b.readInt32BE(4) !== 0 || b.readInt32BE(8) !== INT4_OID)
    throw new Error('expected a one-dimensional int4[] without nulls');
  const n = b.readInt32BE(12);
  const out = new Int32Array(n);
  for (let i = 0, at = 24; i < n; i++, at += 8) out[i] = b.readInt32BE(at);
  return out;
}

const INT4_OID = 23;
