import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { neighbourWards, referenceConfig } from '@app/config';
import type { ReferenceConfig } from '@app/config';
import type { TipEntitiesFound } from '@app/database';
import { addressesDisagree, entityValueRows, sharedEntities } from './entities';
import type { ExtractedEntities } from './entities';
import { CANDIDATES_PER_TIP, DuplicatesRepository } from './duplicates.repository';
import { SearchWindow, TrigramSet, trigramSimilarity } from './search-window';
import type { WindowHit } from './search-window';
import type {
  DuplicateCandidate as Candidate,
  DuplicateSearch,
  FixedCandidate,
  SimilarityBounds,
} from './duplicates.repository';

export interface DuplicateMatch {
  /** The first report of the event (never itself a duplicate). */
  rootId: string;
  rootReference: string;
  similarity: number;
  shared: string[];
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

/** The candidates whose unchanging details the finder keeps at most. */
const FIXED_MAX = 50_000;

/** How far under each threshold the database reads, so float4 rounding never loses a tip. */
const SIMILARITY_SLACK = 1e-4;

/**
 * The similarity bounds the database reads with: a hair under each rule, so that float rounding
 * never drops a tip the rules would take; isDuplicateEvidence decides on what comes back
 * (DuplicatesRepository.candidates).
 */
const BOUNDS: SimilarityBounds = {
  withSharedEntity: DUPLICATE_RULES.withSharedEntity - SIMILARITY_SLACK,
  textOnly: DUPLICATE_RULES.textOnly - SIMILARITY_SLACK,
  withSharedPlace: DUPLICATE_RULES.withSharedPlace - SIMILARITY_SLACK,
  withSharedStreet: DUPLICATE_RULES.withSharedStreet - SIMILARITY_SLACK,
};

/**
 * A batch's duplicate search made before the wards' locks (DuplicateFinder.lookEarly): the
 * snapshot it read in, the tips it searched for, and the candidates it found for each.
 */
export interface EarlyLook {
  snapshot: string;
  covered: Set<string>;
  found: Map<string, Candidate[]>;
  /** tt_trgm of each covered tip's text, as the look's statement computed it. */
  trigrams: Map<string, Int32Array>;
}

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
   * boundary street. A tip of a neighbouring ward counts only if it shares something that
   * places the event (a phone, plate or address, a named place, a titled person, a street):
   * similar wording alone across a ward boundary is two events, and comparing text with every
   * tip of three to six wards cost a third of triage's capacity. Absent: the wards config/wards.json lists as its neighbours; `[]`: the
   * tip's ward alone.
   */
  neighbourWards?: readonly string[];
}

/** One tip of a batch looked for: where and when, and its normalised text and entities. */
export interface BatchQuery extends DuplicateQuery {
  reference: string;
  norm: string;
  entities: TipEntitiesFound;
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
  /** The early look's rows, held in this process (SearchWindow). */
  private readonly window = new SearchWindow();
  private turn: Promise<unknown> = Promise.resolve();
  /** What never changes of the candidates read lately, by tip id (candidateDetails). */
  private readonly fixed = new Map<string, FixedCandidate>();

  constructor(
    @Inject(referenceConfig.KEY) reference?: ReferenceConfig,
    private readonly duplicates: DuplicatesRepository = new DuplicatesRepository(),
    /** How many candidates' details are kept (a test's smaller bound; not a provider). */
    @Optional() private readonly fixedMax: number = FIXED_MAX,
  ) {
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
    const [match] = await this.findMany(
      manager,
      [{ ...tip, norm, entities, reference: '' }],
      windowHours,
    );
    return match;
  }

  /**
   * The first part of a batch's duplicate search, made before triage takes the wards' locks so
   * that they are not held for it: the candidates among the tips committed so far, and the
   * snapshot they were read in. It is made in memory (SearchWindow), brought up to one snapshot
   * by one statement; only the candidates found are read from `tips` after it. `manager` must not
   * be in a transaction (the statement's snapshot is the look's). `findMany` given this look
   * completes it under the locks, reading only the rows the look could not see; a tip not in
   * `covered` is searched whole there.
   */
  async lookEarly(
    manager: EntityManager,
    tips: BatchQuery[],
    windowHours: number,
  ): Promise<EarlyLook> {
    const searches = this.searches(tips);
    // One look at a time: the window is as of one snapshot.
    const turn = this.turn.then(async () => {
      for (;;) {
        const loads = this.window.missing(searches, windowHours);
        const read = await this.duplicates.windowLook(
          manager,
          this.window.asOf,
          this.window.span(),
          loads,
          searches,
        );
        // Another server, or the same after a restart, crash or failover, empties the window:
        // read again.
        if (this.window.apply(read, loads))
          return {
            snapshot: read.snapshot,
            hits: this.window.hits(read.searches, windowHours, BOUNDS),
            trigrams: new Map(read.searches.map((q) => [q.id, q.g])),
          };
      }
    });
    this.turn = turn.catch(() => undefined);
    const { snapshot, hits, trigrams } = await turn;
    const details = await this.candidateDetails(manager, [...new Set(hits.map((h) => h.id))]);
    const found = new Map<string, Candidate[]>(tips.map((t) => [t.id, []]));
    const bySearch = new Map<number, (WindowHit & { tip: Omit<Candidate, 'sim'> })[]>();
    for (const h of hits) {
      const tip = details.get(h.id);
      if (!tip) continue;
      const list = bySearch.get(h.i) ?? [];
      list.push({ ...h, tip });
      bySearch.set(h.i, list);
    }
    // As the SQL search answers: most similar first, then earliest, at most CANDIDATES_PER_TIP.
    for (const [i, list] of bySearch) {
      list.sort((a, b) => b.sim - a.sim || a.us - b.us || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      found.set(
        tips[i].id,
        list.slice(0, CANDIDATES_PER_TIP).map((h) => ({ ...h.tip, sim: h.sim })),
      );
    }
    return { snapshot, covered: new Set(tips.map((t) => t.id)), found, trigrams };
  }

  /**
   * The candidates `ids` still earlier-triaged, with their details. What never changes once a tip
   * is triaged (its reference, category, entities and received time) is read once and kept (at
   * most `fixedMax`, the least recently asked for let go first); what may change (whether it is
   * still a candidate, its first report) is read each time.
   */
  private async candidateDetails(
    manager: EntityManager,
    ids: string[],
  ): Promise<Map<string, Omit<Candidate, 'sim'>>> {
    const out = new Map<string, Omit<Candidate, 'sim'>>();
    if (ids.length === 0) return out;
    // Taken before the read: another batch's read may let entries go meanwhile.
    const known = new Map<string, FixedCandidate>();
    for (const id of ids) {
      const f = this.fixed.get(id);
      if (!f) continue;
      known.set(id, f);
      // Asked for again: now the most recent (a Map keeps the order of insertion).
      this.fixed.delete(id);
      this.fixed.set(id, f);
    }
    const rows = await this.duplicates.triagedCandidates(
      manager,
      ids,
      ids.filter((id) => !known.has(id)),
    );
    for (const r of rows) {
      let fixed = known.get(r.id);
      if (r.full) {
        fixed = {
          reference: r.reference,
          category: r.category,
          entities: r.entities,
          received_at: r.received_at,
        };
        this.fixed.set(r.id, fixed);
      }
      if (!fixed) throw new Error('a candidate read without its details');
      out.set(r.id, {
        id: r.id,
        duplicate_of: r.duplicate_of,
        root_reference: r.root_reference,
        ...fixed,
      });
    }
    // The least recently asked for go first.
    for (const id of this.fixed.keys()) {
      if (this.fixed.size <= this.fixedMax) break;
      this.fixed.delete(id);
    }
    return out;
  }

  private searches(tips: BatchQuery[]): DuplicateSearch[] {
    return tips.map((tip, i) => {
      const found: ExtractedEntities = tip.entities;
      const rows = entityValueRows(found);
      const strong = rows.kinds.map((k) => STRONG.has(k));
      return {
        i,
        id: tip.id,
        ward: tip.ward,
        neighbours: tip.neighbourWards ?? this.neighbours(tip.ward),
        received_at: tip.receivedAt.toISOString(),
        norm: tip.norm,
        sk: rows.kinds.filter((_, j) => strong[j]),
        sv: rows.values.filter((_, j) => strong[j]),
        landmarks: found.landmarks ?? [],
        people: found.people ?? [],
        streets: found.streets ?? [],
      };
    });
  }

  /**
   * The duplicate search for a batch of tips triaged together, in one statement for the tips
   * already triaged and one for the batch's own pairs. `tips` are in received order; each may
   * repeat an earlier-triaged tip or an earlier tip of the batch (which the caller records as
   * triaged in the same transaction), never a later one. Answers one match (or null) per tip.
   * Given an `early` look, the tips it covered are searched only among the rows it could not see.
   */
  async findMany(
    manager: EntityManager,
    tips: BatchQuery[],
    windowHours: number,
    early?: EarlyLook,
  ): Promise<(DuplicateMatch | null)[]> {
    if (tips.length === 0) return [];
    const queries = this.searches(tips);
    // A covered tip's trigrams, computed by the look (its text has not changed since).
    const known = (id: string) => (early?.covered.has(id) ? early.trigrams.get(id) : undefined);
    const covered = queries
      .filter((q) => early?.covered.has(q.id))
      .map((q) => {
        const g = known(q.id);
        return g ? { ...q, known: Array.from(g) } : q;
      });
    const whole = queries.filter((q) => !early?.covered.has(q.id));
    const rows = [
      ...(covered.length > 0 && early
        ? await this.duplicates.candidates(manager, covered, windowHours, BOUNDS, early.snapshot)
        : []),
      ...(whole.length > 0
        ? await this.duplicates.candidates(manager, whole, windowHours, BOUNDS)
        : []),
    ];
    const byTip: Candidate[][] = tips.map((tip) => [...(early?.found.get(tip.id) ?? [])]);
    for (const r of rows) byTip[r.i].push(r);

    // The batch's own pairs: a later tip against each earlier one in its search area and window.
    const windowMs = windowHours * 3_600_000;
    const pairs: [number, number][] = [];
    for (let b = 1; b < tips.length; b++)
      for (let a = 0; a < b; a++)
        if (
          (tips[b].ward === tips[a].ward ||
            (queries[b].neighbours.includes(tips[a].ward) &&
              sharedEntities(tips[b].entities, tips[a].entities).length > 0)) &&
          Math.abs(tips[b].receivedAt.getTime() - tips[a].receivedAt.getTime()) <= windowMs
        )
          pairs.push([a, b]);
    // Pairs of tips whose trigrams the look computed are compared here, exactly as in SQL;
    // the others (a tip searched whole) in one statement.
    const pairSims = new Map<string, number>();
    const inSql: [number, number][] = [];
    const sets = new Map<number, TrigramSet>();
    for (const [a, b] of pairs) {
      const ga = known(tips[a].id);
      const gb = known(tips[b].id);
      if (!ga || !gb) {
        inSql.push([a, b]);
        continue;
      }
      const set = sets.get(a) ?? new TrigramSet(ga);
      sets.set(a, set);
      pairSims.set(`${a}:${b}`, trigramSimilarity(set, gb));
    }
    if (inSql.length > 0) {
      const sims = await this.duplicates.pairSimilarities(
        manager,
        tips.map((t) => t.norm),
        inSql,
      );
      for (const s of sims) pairSims.set(`${s.a}:${s.b}`, Number(s.sim));
    }

    const matches: (DuplicateMatch | null)[] = [];
    for (let k = 0; k < tips.length; k++) {
      const found: ExtractedEntities = tips[k].entities;
      const candidates = [...byTip[k]];
      // Earlier tips of the batch that passed, as the candidates they will be once committed.
      for (let a = 0; a < k; a++) {
        const sim = pairSims.get(`${a}:${k}`);
        if (sim === undefined) continue;
        const root = matches[a];
        candidates.push({
          id: tips[a].id,
          reference: tips[a].reference,
          duplicate_of: root?.rootId ?? null,
          root_reference: root?.rootReference ?? null,
          category: tips[a].category,
          entities: tips[a].entities,
          received_at: tips[a].receivedAt,
          sim,
        });
      }
      candidates.sort(
        (x, y) =>
          Number(y.sim) - Number(x.sim) ||
          new Date(x.received_at).getTime() - new Date(y.received_at).getTime() ||
          (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
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
      matches.push(
        best
          ? {
              rootId: best.c.duplicate_of ?? best.c.id,
              rootReference: best.c.root_reference ?? best.c.reference,
              similarity: Math.round(Number(best.c.sim) * 100) / 100,
              shared: best.shared,
            }
          : null,
      );
    }
    return matches;
  }
}
