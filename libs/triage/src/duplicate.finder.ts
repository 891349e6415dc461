import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { neighbourWards, referenceConfig } from '@app/config';
import type { ReferenceConfig } from '@app/config';
import type { TipEntitiesFound } from '@app/database';
import { addressesDisagree, entityValueRows, sharedEntities } from './entities';
import type { ExtractedEntities } from './entities';

export interface DuplicateMatch {
  /** The first report of the event (never itself a duplicate). */
  rootId: string;
  rootReference: string;
  similarity: number;
  shared: string[];
}

interface Candidate {
  id: string;
  reference: string;
  duplicate_of: string | null;
  root_reference: string | null;
  category: string;
  entities: ExtractedEntities | null;
  sim: number;
}

/**
 * Thresholds measured on the scenario's generated duplicates and on the hand-labelled set
 * (README, "Duplicate detection"; docs/triage-eval.md).
 */
export const DUPLICATE_RULES = {
  /**
   * Largely the same wording is enough on its own, unless the two tips place their events apart
   * (different houses, or two different places of one kind): reports of the same kind of
   * incident (a card game, a loud karaoke bar) share most of their wording, so similar text at
   * two addresses is two events.
   */
  textOnly: 0.55,
  /** With a shared phone, plate or house address, a little common wording is enough. */
  withSharedEntity: 0.12,
  /**
   * With a shared named place (chợ Xóm Chiếu, cầu Kênh Tẻ, a crossing) or a person named with a
   * title (thằng Tèo), and nothing placing the events apart, some common wording is enough: a
   * market or a bridge sees many incidents, so more than with a house number, far less than
   * text alone.
   */
  withSharedPlace: 0.25,
  /**
   * With only a District 4 street in common (a street runs past hundreds of houses), more; still
   * well under text alone. The least certain rule: on the hand-labelled set the closest pair of
   * unrelated reports sharing a street sits at 0.34 (docs/triage-eval.md).
   */
  withSharedStreet: 0.35,
} as const;

/** Entity kinds that identify one house, vehicle or phone (tip_entity_values kinds). */
const STRONG = new Set(['phone', 'plate', 'address']);
/** The same, as sharedEntities labels them. */
const STRONG_KINDS = [...STRONG].map((k) => `${k} `);

/** How far under each threshold the database reads, so float4 rounding never loses a tip. */
const SIMILARITY_SLACK = 1e-4;

/** The duplicate decision for one candidate, given text similarity and entity overlap. */
export function isDuplicateEvidence(
  similarity: number,
  shared: readonly string[],
  placesDisagree: boolean,
): boolean {
  if (shared.some((s) => STRONG_KINDS.some((k) => s.startsWith(k))))
    return similarity >= DUPLICATE_RULES.withSharedEntity;
  if (placesDisagree) return false;
  if (shared.some((s) => !s.startsWith('street ')))
    return similarity >= DUPLICATE_RULES.withSharedPlace;
  if (shared.length > 0) return similarity >= DUPLICATE_RULES.withSharedStreet;
  return similarity >= DUPLICATE_RULES.textOnly;
}

/** The tip looked for, and where: its ward and, by default, the wards around it. */
export interface DuplicateQuery {
  id: string;
  ward: string;
  receivedAt: Date;
  category: string;
  /**
   * The other wards to search besides `ward`: reports of one incident come from both sides of a
   * boundary street. Absent: the wards config/wards.json lists as its neighbours; `[]`: the
   * tip's ward alone.
   */
  neighbourWards?: readonly string[];
}

/**
 * Finds an earlier-triaged report of the same event: in the same or a neighbouring ward, close in
 * time, and similar text (pg_trgm's trigram similarity) at no other place, or some common text
 * and a shared phone / plate / address, or more common text and a shared named place, titled
 * person or street (DUPLICATE_RULES).
 *
 * The caller holds the triage lock of the tip's ward only: two reports of one event triaged at
 * the same moment in two neighbouring wards can both become originals (each commits before the
 * other sees it). They stay two leads until a person links both to one case (there is no merge
 * of two leads); same-ward reports, the usual case, cannot race.
 */
@Injectable()
export class DuplicateFinder {
  private readonly neighbours: (ward: string) => string[];

  constructor(@Inject(referenceConfig.KEY) reference?: ReferenceConfig) {
    // Without configuration (a finder built by hand) the tip's ward is searched alone.
    this.neighbours = reference ? (w) => neighbourWards(reference, w) : () => [];
  }

  async find(
    manager: EntityManager,
    tip: DuplicateQuery,
    norm: string,
    entities: TipEntitiesFound,
    windowHours: number,
  ): Promise<DuplicateMatch | null> {
    const wards = [tip.ward, ...(tip.neighbourWards ?? this.neighbours(tip.ward))];
    const found: ExtractedEntities = entities;
    // Only tips that can pass isDuplicateEvidence come back: text similar enough on its own, or
    // an extracted phone / plate / address in common (tip_entity_values, the values triage
    // stored) with at least a little common text, or a named place, person or street in common
    // (the tip's stored entities; rows stored before those were extracted have none) with more.
    // The bounds sit a hair under the rules so float rounding cannot drop a tip the rules would
    // take; the rules below decide. Tips waiting for a person's review (or rejected) are no
    // originals: a later report of their event opens its own lead, and the held tip, once
    // accepted, is checked against it.
    const rows = entityValueRows(found);
    const strong = rows.kinds.map((k) => STRONG.has(k));
    // Similarity from the stored trigram arrays (tips.description_trgm): pg_trgm's similarity()
    // exactly, without re-extracting the trigrams of every tip of the window for every tip
    // triaged. OFFSET 0 keeps the intersection computed once per row, not once per use.
    const candidates: Candidate[] = await manager.query(
      `WITH q AS MATERIALIZED (SELECT tt_trgm($1) AS g)
       SELECT t.id, t.reference, t.duplicate_of, r.reference AS root_reference, t.category,
              t.entities, s.sim
       FROM q, tips t
       CROSS JOIN LATERAL (
         SELECT CASE WHEN c.n = 0 THEN 0::float4
                     ELSE c.n::float4 / (icount(t.description_trgm) + icount(q.g) - c.n)::float4
                END AS sim
         FROM (SELECT icount(t.description_trgm & q.g) AS n OFFSET 0) c
       ) s
       LEFT JOIN tips r ON r.id = t.duplicate_of
       WHERE t.ward = ANY($2::text[]) AND t.id <> $3
         AND t.received_at BETWEEN $4::timestamptz - make_interval(hours => $5)
                               AND $4::timestamptz + make_interval(hours => $5)
         AND t.stage NOT IN ('received', 'rejected', 'needs_review')
         AND t.description_trgm IS NOT NULL
         AND (s.sim >= $9
              OR (t.id IN (SELECT v.tip_id FROM tip_entity_values v
                           JOIN unnest($6::text[], $7::text[]) AS e(kind, value)
                             ON v.kind = e.kind AND v.value = e.value)
                  AND s.sim >= $8)
              OR (s.sim >= $12
                  AND (COALESCE(t.entities -> 'landmarks', '[]') ?| $10::text[]
                       OR COALESCE(t.entities -> 'people', '[]') ?| $11::text[]))
              OR (s.sim >= $14 AND COALESCE(t.entities -> 'streets', '[]') ?| $13::text[]))
       ORDER BY s.sim DESC, t.received_at, t.id LIMIT 500`,
      [
        norm,
        wards,
        tip.id,
        tip.receivedAt.toISOString(),
        windowHours,
        rows.kinds.filter((_, i) => strong[i]),
        rows.values.filter((_, i) => strong[i]),
        DUPLICATE_RULES.withSharedEntity - SIMILARITY_SLACK,
        DUPLICATE_RULES.textOnly - SIMILARITY_SLACK,
        found.landmarks ?? [],
        found.people ?? [],
        DUPLICATE_RULES.withSharedPlace - SIMILARITY_SLACK,
        found.streets ?? [],
        DUPLICATE_RULES.withSharedStreet - SIMILARITY_SLACK,
      ],
    );
    let best: { c: Candidate; shared: string[]; score: number } | null = null;
    for (const c of candidates) {
      const shared = c.entities ? sharedEntities(found, c.entities) : [];
      const disagree = c.entities ? addressesDisagree(found, c.entities) : false;
      const sim = Number(c.sim);
      if (!isDuplicateEvidence(sim, shared, disagree)) continue;
      const score = sim + shared.length * 0.5;
      if (!best || score > best.score) best = { c, shared, score };
    }
    if (!best) return null;
    return {
      rootId: best.c.duplicate_of ?? best.c.id,
      rootReference: best.c.root_reference ?? best.c.reference,
      similarity: Math.round(Number(best.c.sim) * 100) / 100,
      shared: best.shared,
    };
  }
}
