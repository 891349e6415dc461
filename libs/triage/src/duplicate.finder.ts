import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TipEntitiesFound } from '@app/database';
import { addressesDisagree, sharedEntities } from '@app/linkage';

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
  entities: TipEntitiesFound | null;
  sim: number;
}

/** Thresholds measured on the scenario's generated duplicates (README, "Duplicate detection"). */
export const DUPLICATE_RULES = {
  /**
   * Largely the same wording is enough on its own, unless the two tips give different house
   * addresses: reports of the same kind of incident (a card game, a loud karaoke bar) share most
   * of their wording, so similar text at two addresses is two events.
   */
  textOnly: 0.55,
  /** With a shared phone, plate or house address, a little common wording is enough. */
  withSharedEntity: 0.12,
} as const;

/** How far under each threshold the database reads, so float4 rounding never loses a tip. */
const SIMILARITY_SLACK = 1e-4;

/** The duplicate decision for one candidate, given text similarity and entity overlap. */
export function isDuplicateEvidence(
  similarity: number,
  shared: readonly string[],
  placesDisagree: boolean,
): boolean {
  if (shared.length > 0) return similarity >= DUPLICATE_RULES.withSharedEntity;
  return similarity >= DUPLICATE_RULES.textOnly && !placesDisagree;
}

/**
 * Finds an earlier-triaged report of the same event: same ward, close in time, and similar text
 * (pg_trgm's trigram similarity) at no other address, or some common text and a shared phone / plate / address. The
 * caller holds the ward's triage lock, so two reports of one event triaged at once cannot both
 * become originals.
 */
@Injectable()
export class DuplicateFinder {
  async find(
    manager: EntityManager,
    tip: { id: string; ward: string; receivedAt: Date; category: string },
    norm: string,
    entities: TipEntitiesFound,
    windowHours: number,
  ): Promise<DuplicateMatch | null> {
    // Only tips that can pass isDuplicateEvidence come back: text similar enough on its own, or
    // an extracted phone / plate / address in common (tip_entity_values, the values triage
    // stored) with at least a little common text. Both bounds sit a hair under the rules so float
    // rounding cannot drop a tip the rules would take; the rules below decide, as before.
    const kinds = [
      ...entities.phones.map(() => 'phone'),
      ...entities.plates.map(() => 'plate'),
      ...entities.addresses.map(() => 'address'),
    ];
    const values = [...entities.phones, ...entities.plates, ...entities.addresses];
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
       WHERE t.ward = $2 AND t.id <> $3
         AND t.received_at BETWEEN $4::timestamptz - make_interval(hours => $5)
                               AND $4::timestamptz + make_interval(hours => $5)
         AND t.stage NOT IN ('received', 'rejected')
         AND t.description_trgm IS NOT NULL
         AND (s.sim >= $9
              OR (t.id IN (SELECT v.tip_id FROM tip_entity_values v
                           JOIN unnest($6::text[], $7::text[]) AS e(kind, value)
                             ON v.kind = e.kind AND v.value = e.value)
                  AND s.sim >= $8))
       ORDER BY s.sim DESC, t.received_at, t.id LIMIT 500`,
      [
        norm,
        tip.ward,
        tip.id,
        tip.receivedAt.toISOString(),
        windowHours,
        kinds,
        values,
        DUPLICATE_RULES.withSharedEntity - SIMILARITY_SLACK,
        DUPLICATE_RULES.textOnly - SIMILARITY_SLACK,
      ],
    );
    let best: { c: Candidate; shared: string[]; score: number } | null = null;
    for (const c of candidates) {
      const shared = c.entities ? sharedEntities(entities, c.entities) : [];
      const disagree = c.entities ? addressesDisagree(entities, c.entities) : false;
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
