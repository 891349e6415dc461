import type { DuplicateSearch, SimilarityBounds } from './duplicates.repository';

/**
 * The duplicate search's early look, made in the triage worker's memory instead of in the
 * database: the `tip_search` rows of the wards' and days' windows triage searched lately, kept
 * as of one PostgreSQL snapshot and brought up to a newer one at each look by the rows committed
 * since (those its snapshot could not see). A tip's trigrams are counted against a row here by a
 * hash set of the tip's (TrigramSet), and a neighbouring ward's rows are found by what they name;
 * in the database each comparison copied both arrays, and a dense window's comparisons were most
 * of the database's time a tip.
 *
 * PostgreSQL stays the record: the rows are read from `tip_search` and the candidates found are
 * read from `tips`; the search is completed under the wards' locks, in SQL, with the rows
 * committed after the look's snapshot (DuplicateFinder.findMany), exactly as after a look made in
 * SQL. Between looks it holds at most MAX_ROWS rows (the least recently searched days go first);
 * the days one look needs are held whatever their size.
 */

/** A `tip_search` row as the look holds it. */
export interface WindowRow {
  id: string;
  ward: string;
  /** received_at, microseconds since the epoch (PostgreSQL's own precision). */
  us: number;
  /** Sorted distinct trigram hashes (tt_trgm). */
  trgm: Int32Array;
  landmarks: readonly string[];
  people: readonly string[];
  streets: readonly string[];
}

/** One tip looked for, with what the look's statement computed for it. */
export interface WindowSearch extends DuplicateSearch {
  /** tt_trgm of its folded text (`g` as in the SQL search). */
  g: Int32Array;
  /** Tips that share one of its phones, plates or house addresses (tip_entity_values). */
  shares: ReadonlySet<string>;
}

/** A (ward, day) whose rows the look must hold: [from, to) in microseconds. */
export interface WindowLoad {
  ward: string;
  fromUs: number;
  toUs: number;
}

/** The wards and the days from first to last that the window holds rows of. */
export interface WindowSpan {
  wards: string[];
  fromUs: number;
  toUs: number;
}

/** What one look's statement answers, all of it read in one snapshot. */
export interface WindowRead {
  snapshot: string;
  /** The server's life: it changes with a restart, a crash recovery or a failover. */
  server: string;
  /** The rows of the loads asked for and the rows committed since the previous snapshot. */
  rows: WindowRow[];
  /** The searches, with their trigrams and shared strong entities. */
  searches: WindowSearch[];
}

/** A candidate found in memory. */
export interface WindowHit {
  /** The search's index in its batch (DuplicateSearch.i). */
  i: number;
  /** The earlier tip. */
  id: string;
  /** Its received time, microseconds since the epoch. */
  us: number;
  /** The similarity as PostgreSQL would return it (its float4, read back as a number). */
  sim: number;
}

const DAY_US = 86_400_000_000;
/** The rows held at most; past it, the least recently searched days are let go. */
export const MAX_ROWS = 50_000;

export const dayOf = (us: number): number => Math.floor(us / DAY_US);

/**
 * A tip's trigram hashes as an open-addressing hash set (a quarter full, linear probing), so that
 * the common trigrams with a row are counted by one lookup each: about seven times faster than
 * merging the two sorted arrays, whose branches the processor cannot predict. In front of it, a
 * bitmap of the hashes' low 16 bits (8 KB) answers most trigrams the tip does not have with one
 * read; only those whose bit is set are looked up in the set.
 */
export class TrigramSet {
  private readonly keys: Int32Array;
  private readonly used: Uint8Array;
  private readonly shift: number;
  private readonly mask: number;
  private readonly low = new Int32Array(2048);

  constructor(readonly values: Int32Array) {
    let bits = 6;
    while (1 << bits < values.length * 4) bits++;
    this.keys = new Int32Array(1 << bits);
    this.used = new Uint8Array(1 << bits);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    for (const v of values) {
      let h = Math.imul(v, 0x9e3779b1) >>> this.shift;
      while (this.used[h] && this.keys[h] !== v) h = (h + 1) & this.mask;
      this.used[h] = 1;
      this.keys[h] = v;
      this.low[(v >>> 5) & 2047] |= 1 << (v & 31);
    }
  }

  /**
   * How many of `other` (distinct values) are in the set: |set ∩ other|; or -1 if fewer than
   * `atLeast`, answered as soon as no more can be.
   */
  shared(other: Int32Array, atLeast = 0): number {
    // More than the set holds (a row far longer than the tip): no count can get there.
    if (atLeast > this.values.length) return -1;
    const { keys, used, shift, mask, low } = this;
    let n = 0;
    for (let i = 0; i < other.length; i++) {
      if (n + other.length - i < atLeast) return -1;
      const v = other[i];
      if ((low[(v >>> 5) & 2047] & (1 << (v & 31))) === 0) continue;
      let h = Math.imul(v, 0x9e3779b1) >>> shift;
      while (used[h]) {
        if (keys[h] === v) {
          n++;
          break;
        }
        h = (h + 1) & mask;
      }
    }
    return n < atLeast ? -1 : n;
  }
}

/**
 * pg_trgm's similarity as the SQL search computes it from the common trigrams `n` and the sizes'
 * sum `total`: n ÷ (total − n), a float4 division of two exact integers (Math.fround of the double
 * quotient is the correctly rounded float4: double rounding is harmless for division from 53 to
 * 24 bits).
 */
export function float4Similarity(n: number, total: number): number {
  return n === 0 ? 0 : Math.fround(n / (total - n));
}

/**
 * A float4 as node-postgres reads it from PostgreSQL's text output: the shortest decimal that
 * reads back as the same float4 (PostgreSQL's float4out), parsed as a double.
 */
export function float4Value(x: number): number {
  // Similarities are quotients of small integers: few values, each asked for again and again.
  const known = printed.get(x);
  if (known !== undefined) return known;
  let v = Number(x.toPrecision(9));
  for (let p = 1; p < 9; p++) {
    const shorter = Number(x.toPrecision(p));
    if (Math.fround(shorter) === x) {
      v = shorter;
      break;
    }
  }
  if (printed.size >= PRINTED_MAX) printed.clear();
  printed.set(x, v);
  return v;
}

/**
 * The similarity of a text's trigrams (`set`) and another's (`other`, sorted distinct), as the SQL
 * search answers it (DuplicatesRepository.pairSimilarities).
 */
export function trigramSimilarity(set: TrigramSet, other: Int32Array): number {
  return float4Value(float4Similarity(set.shared(other), set.values.length + other.length));
}

const PRINTED_MAX = 65_536;
const printed = new Map<number, number>();

const overlaps = (a: readonly string[], b: ReadonlySet<string>): boolean => a.some((x) => b.has(x));

/**
 * The tip_search rows of a few wards' days, as of one snapshot. Not safe for two looks at once:
 * the finder runs one at a time.
 */
export class SearchWindow {
  /** `ward|day` → its rows by tip id. */
  private readonly days = new Map<string, WindowDay>();
  private held = 0;
  private looks = 0;
  /** The snapshot the held rows are as of (null: nothing held yet), and on which server. */
  private snapshot: string | null = null;
  private server: string | null = null;

  constructor(private readonly maxRows = MAX_ROWS) {}

  get rowsHeld(): number {
    return this.held;
  }

  get asOf(): string | null {
    return this.snapshot;
  }

  /** The wards and days held (null: none), for the rows committed since to be read of them only. */
  span(): WindowSpan | null {
    if (this.days.size === 0) return null;
    const wards = new Set<string>();
    let from = Infinity;
    let to = -Infinity;
    for (const key of this.days.keys()) {
      const cut = key.lastIndexOf('|');
      const day = Number(key.slice(cut + 1));
      wards.add(key.slice(0, cut));
      from = Math.min(from, day);
      to = Math.max(to, day);
    }
    return { wards: [...wards], fromUs: from * DAY_US, toUs: (to + 1) * DAY_US };
  }

  /** The (ward, day)s that `searches` read and the window does not hold yet. */
  missing(searches: readonly DuplicateSearch[], windowHours: number): WindowLoad[] {
    const w = windowHours * 3_600_000_000;
    const loads = new Map<string, WindowLoad>();
    for (const s of searches) {
      const us = Date.parse(s.received_at) * 1000;
      for (const ward of new Set([s.ward, ...s.neighbours]))
        for (let d = dayOf(us - w); d <= dayOf(us + w); d++) {
          const key = `${ward}|${d}`;
          if (!this.days.has(key) && !loads.has(key))
            loads.set(key, { ward, fromUs: d * DAY_US, toUs: (d + 1) * DAY_US });
        }
    }
    return [...loads.values()];
  }

  /**
   * Takes in a look's read: the loads it asked for, and the rows committed since the previous
   * snapshot (kept for the days held). If it was read on another server, or on one whose life
   * changed (a restart, a crash recovery, a failover: transaction ids may have been given out
   * again), or if its xmax is behind the held snapshot's, everything held is let go and `false`
   * is answered: the caller reads again.
   */
  apply(read: WindowRead, loads: readonly WindowLoad[]): boolean {
    if (
      this.snapshot !== null &&
      (read.server !== this.server || snapshotXmax(read.snapshot) < snapshotXmax(this.snapshot))
    ) {
      this.clear();
      return false;
    }
    for (const l of loads) {
      const key = `${l.ward}|${dayOf(l.fromUs)}`;
      if (!this.days.has(key))
        this.days.set(key, {
          rows: new Map(),
          byPlace: new Map(),
          used: 0,
        });
    }
    for (const r of read.rows) {
      const day = this.days.get(`${r.ward}|${dayOf(r.us)}`);
      if (!day || day.rows.has(r.id)) continue;
      day.rows.set(r.id, r);
      for (const key of placeKeys(r)) {
        const list = day.byPlace.get(key);
        if (list) list.push(r);
        else day.byPlace.set(key, [r]);
      }
      this.held++;
    }
    this.snapshot = read.snapshot;
    this.server = read.server;
    return true;
  }

  clear(): void {
    this.days.clear();
    this.held = 0;
    this.snapshot = null;
    this.server = null;
  }

  /**
   * The candidates of each search among the rows held: the earlier-triaged tips of its ward in
   * its window whose similarity passes a rule's bound, and those of the wards around it that
   * share a strong entity, a named place, a titled person or a street and pass that rule's bound
   * (DuplicatesRepository.candidates reads the same in SQL).
   */
  hits(
    searches: readonly WindowSearch[],
    windowHours: number,
    bounds: SimilarityBounds,
  ): WindowHit[] {
    const look = ++this.looks;
    const w = windowHours * 3_600_000_000;
    const textOnly = Math.fround(bounds.textOnly);
    const entity = Math.fround(bounds.withSharedEntity);
    const place = Math.fround(bounds.withSharedPlace);
    const street = Math.fround(bounds.withSharedStreet);
    const out: WindowHit[] = [];
    for (const s of searches) {
      const us = Date.parse(s.received_at) * 1000;
      const landmarks = new Set(s.landmarks);
      const people = new Set(s.people);
      const streets = new Set(s.streets);
      const g = new TrigramSet(s.g);
      const keys = placeKeys(s);
      for (const ward of new Set([s.ward, ...s.neighbours])) {
        const own = ward === s.ward;
        for (let d = dayOf(us - w); d <= dayOf(us + w); d++) {
          const day = this.days.get(`${ward}|${d}`);
          if (!day) continue;
          day.used = look;
          // A neighbour's rows count only through what they share: found by it, not by a scan.
          for (const x of own ? day.rows.values() : sharing(day, s, keys)) {
            if (x.id === s.id || x.us < us - w || x.us > us + w) continue;
            const shared = s.shares.has(x.id);
            const placed = overlaps(x.landmarks, landmarks) || overlaps(x.people, people);
            const onStreet = overlaps(x.streets, streets);
            if (!own && !shared && !placed && !onStreet) continue;
            // The fewest common trigrams the most lenient rule that applies could take, a hair
            // under (float4 rounding is far finer): the count stops once it cannot get there.
            const bound = Math.min(
              textOnly,
              shared ? entity : 1,
              placed ? place : 1,
              onStreet ? street : 1,
            );
            const size = x.trgm.length + s.g.length;
            const n = g.shared(x.trgm, (bound * size) / (1 + bound) - 0.01);
            if (n < 0) continue;
            const sim = float4Similarity(n, size);
            if (
              sim >= textOnly ||
              (shared && sim >= entity) ||
              (placed && sim >= place) ||
              (onStreet && sim >= street)
            )
              out.push({ i: s.i, id: x.id, us: x.us, sim: float4Value(sim) });
          }
        }
      }
    }
    this.evict(look);
    return out;
  }

  /** Past maxRows, lets go of the least recently searched days (never those of this look). */
  private evict(look: number): void {
    if (this.held <= this.maxRows) return;
    const old = [...this.days.entries()]
      .filter(([, d]) => d.used < look)
      .sort((a, b) => a[1].used - b[1].used);
    for (const [key, d] of old) {
      if (this.held <= this.maxRows * 0.8) break;
      this.days.delete(key);
      this.held -= d.rows.size;
    }
  }
}

/** A (ward, day)'s rows by tip id, and by the named places, people and streets they mention. */
interface WindowDay {
  rows: Map<string, WindowRow>;
  byPlace: Map<string, WindowRow[]>;
  used: number;
}

/** The keys of what a row or a search names: `l`andmarks, `p`eople and `s`treets. */
function placeKeys(x: {
  landmarks: readonly string[];
  people: readonly string[];
  streets: readonly string[];
}): string[] {
  return [
    ...x.landmarks.map((v) => `l|${v}`),
    ...x.people.map((v) => `p|${v}`),
    ...x.streets.map((v) => `s|${v}`),
  ];
}

/** The rows of `day` that share a strong entity or one of `keys` with the search, once each. */
function sharing(day: WindowDay, s: WindowSearch, keys: readonly string[]): Set<WindowRow> {
  const found = new Set<WindowRow>();
  for (const id of s.shares) {
    const r = day.rows.get(id);
    if (r) found.add(r);
  }
  for (const key of keys) for (const r of day.byPlace.get(key) ?? []) found.add(r);
  return found;
}

/** A pg_snapshot's xmax (`xmin:xmax:xip,…`). */
function snapshotXmax(snapshot: string): bigint {
  return BigInt(snapshot.split(':')[1]);
}
