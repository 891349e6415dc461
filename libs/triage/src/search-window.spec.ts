import { float4Similarity, float4Value, SearchWindow, TrigramSet } from './search-window';
import type { WindowRow, WindowSearch } from './search-window';

/** The reference the hash set is checked against: |a ∩ b| of two sorted arrays, merged. */
function intersectionSize(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x < y) i++;
    else if (x > y) j++;
    else {
      n++;
      i++;
      j++;
    }
  }
  return n;
}

/** The similarity of two sorted trigram sets (float4Similarity). */
function trigramSimilarity(a: Int32Array, b: Int32Array): number {
  return float4Similarity(intersectionSize(a, b), a.length + b.length);
}

const DAY_US = 86_400_000_000;
const T0 = Date.parse('2024-03-10T12:00:00Z') * 1000;
const BOUNDS = {
  textOnly: 0.5499,
  withSharedEntity: 0.1199,
  withSharedPlace: 0.2499,
  withSharedStreet: 0.3499,
};

const arr = (...xs: number[]) => Int32Array.from(xs);

function row(id: string, ward: string, us: number, trgm: Int32Array, streets: string[] = []) {
  return { id, ward, us, trgm, landmarks: [], people: [], streets } satisfies WindowRow;
}

function search(over: Partial<WindowSearch> = {}): WindowSearch {
  return {
    i: 0,
    id: 'q',
    ward: 'A',
    neighbours: ['B'],
    received_at: new Date(T0 / 1000).toISOString(),
    norm: '',
    sk: [],
    sv: [],
    landmarks: [],
    people: [],
    streets: [],
    g: arr(1, 2, 3, 4),
    shares: new Set(),
    ...over,
  };
}

describe('trigram arithmetic', () => {
  it('counts the common values of two sorted sets', () => {
    expect(intersectionSize(arr(1, 3, 5, 7), arr(2, 3, 4, 7, 9))).toBe(2);
    expect(intersectionSize(arr(), arr(1))).toBe(0);
    expect(intersectionSize(arr(-5, 0, 8), arr(-5, 8))).toBe(2);
  });

  it('counts as a hash set what the merge counts, and stops once too few can be common', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const set = (n: number) =>
      Int32Array.from(
        [...new Set(Array.from({ length: n }, () => (next() % 400) - 200))].sort((a, b) => a - b),
      );
    for (let k = 0; k < 200; k++) {
      const a = set(1 + (k % 150));
      const b = set(1 + ((k * 7) % 150));
      const n = intersectionSize(a, b);
      const s = new TrigramSet(a);
      expect(s.shared(b)).toBe(n);
      expect(s.shared(b, n)).toBe(n);
      expect(s.shared(b, n + 0.5)).toBe(-1);
    }
  });

  it('computes similarity in float4, read back as PostgreSQL prints it', () => {
    // 1 shared of 3 + 3 − 1 = 5: 0.2 in float4 is 0.200000003…, printed and read back as 0.2.
    const sim = trigramSimilarity(arr(1, 2, 3), arr(3, 4, 5));
    expect(sim).toBe(Math.fround(0.2));
    expect(float4Value(sim)).toBe(0.2);
    // 0.4234694 is the shortest decimal of 83/196 as a float4.
    expect(float4Value(Math.fround(83 / 196))).toBe(0.4234694);
    expect(float4Value(0)).toBe(0);
    expect(float4Value(Math.fround(1))).toBe(1);
  });
});

describe('SearchWindow', () => {
  const snap = (xmin: number, xmax: number) => `${xmin}:${xmax}:`;

  it('asks for each (ward, day) of a window once, and takes rows only of the days it holds', () => {
    const w = new SearchWindow();
    const s = search();
    const loads = w.missing([s, search({ i: 1, id: 'q2' })], 48);
    // ±48 h from noon: five days, of the ward and of its neighbour.
    expect(loads).toHaveLength(10);
    w.apply(
      {
        snapshot: snap(10, 12),
        rows: [row('a', 'A', T0 - 3_600_000_000, arr(1, 2, 3, 4)), row('z', 'C', T0, arr(1))],
        searches: [],
        server: 's1',
      },
      loads,
    );
    expect(w.rowsHeld).toBe(1);
    expect(w.missing([s], 48)).toEqual([]);
    expect(w.asOf).toBe(snap(10, 12));
  });

  it('finds its ward by text alone and a neighbour only through something shared', () => {
    const w = new SearchWindow();
    const s = search({ streets: ['vinh khanh'] });
    const loads = w.missing([s], 48);
    w.apply(
      {
        snapshot: snap(1, 2),
        rows: [
          row('same-ward', 'A', T0 + 1, arr(1, 2, 3, 4)),
          row('neighbour-text-only', 'B', T0 + 2, arr(1, 2, 3, 4)),
          row('neighbour-street', 'B', T0 + 3, arr(1, 2, 9)),
          row('out-of-window', 'A', T0 + 49 * 3_600_000_000, arr(1, 2, 3, 4)),
          row('q', 'A', T0, arr(1, 2, 3, 4)),
        ],
        searches: [],
        server: 's1',
      },
      loads,
    );
    w.apply(
      {
        snapshot: snap(1, 2),
        rows: [row('b-street', 'B', T0, arr(1, 2, 9), ['vinh khanh'])],
        searches: [],
        server: 's1',
      },
      [],
    );
    const hits = w.hits([s], 48, BOUNDS).map((h) => [h.id, h.sim]);
    // 2 of 4 + 3 − 2: 0.4 passes the street rule (0.35) only with the street shared.
    expect(hits.sort()).toEqual([
      ['b-street', 0.4],
      ['same-ward', 1],
    ]);
  });

  it('finds a row that passes the text rule with the fewest trigrams it can share', () => {
    // The tip: 20 trigrams; 0.55 takes 11 in common (11 ÷ (20 + 11 − 11)). The row shares the
    // ten that many rows hold and one rare one; the rows sharing only the ten stay under.
    const g = Int32Array.from({ length: 20 }, (_, k) => k + 1);
    const common = Array.from({ length: 10 }, (_, k) => k + 1);
    const rows = [
      row('edge', 'A', T0 + 1, arr(...common, 20)),
      ...Array.from({ length: 30 }, (_, k) =>
        row(
          `filler${k}`,
          'A',
          T0 + 2 + k,
          arr(...common, ...[0, 1, 2].map((j) => 1000 + 3 * k + j)),
        ),
      ),
    ];
    const w = new SearchWindow();
    const s = search({ g });
    w.apply({ snapshot: snap(1, 2), rows, searches: [], server: 's1' }, w.missing([s], 48));
    expect(w.hits([s], 48, BOUNDS).map((h) => [h.id, h.sim])).toEqual([['edge', 0.55]]);
  });

  it('finds what the rules, applied to every row of the window one by one, find', () => {
    // Texts as trigram sets over a vocabulary where a few trigrams are in most texts (as in
    // real writing: common syllables) and most are rare; some texts copy much of another.
    let seed = 42;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const text = (base?: Int32Array): Int32Array => {
      const out = new Set<number>();
      if (base) for (const t of base) if (rand() < 0.85) out.add(t);
      const size = base ? out.size + Math.floor(rand() * 20) : 20 + Math.floor(rand() * 120);
      while (out.size < size)
        out.add(rand() < 0.5 ? Math.floor(rand() * 40) : Math.floor(rand() * 4000));
      return Int32Array.from([...out].sort((a, b) => a - b));
    };
    const wards = ['A', 'B'];
    const rows: WindowRow[] = [];
    for (let k = 0; k < 600; k++) {
      const base = k > 10 && rand() < 0.3 ? rows[Math.floor(rand() * rows.length)].trgm : undefined;
      rows.push({
        id: `r${k}`,
        ward: wards[k % 2],
        us: T0 + Math.floor(rand() * 40 * 3_600_000_000) - 20 * 3_600_000_000,
        trgm: text(base),
        landmarks: rand() < 0.1 ? ['chợ bình tây'] : [],
        people: [],
        streets: rand() < 0.1 ? ['vĩnh khánh'] : [],
      });
    }
    const searches = Array.from({ length: 60 }, (_, i) =>
      search({
        i,
        id: `q${i}`,
        g: text(rand() < 0.5 ? rows[Math.floor(rand() * rows.length)].trgm : undefined),
        streets: rand() < 0.2 ? ['vĩnh khánh'] : [],
        landmarks: rand() < 0.2 ? ['chợ bình tây'] : [],
        shares: new Set(rand() < 0.2 ? [`r${Math.floor(rand() * 600)}`] : []),
      }),
    );
    const w = new SearchWindow();
    w.apply({ snapshot: snap(1, 2), rows, searches: [], server: 's1' }, w.missing(searches, 48));
    const found = w
      .hits(searches, 48, BOUNDS)
      .map((h) => `${h.i} ${h.id} ${h.sim}`)
      .sort();

    // The scan: every row of the window, by the rules as the SQL search states them.
    const f = (x: number) => Math.fround(x);
    const scanned: string[] = [];
    for (const q of searches)
      for (const r of rows) {
        if (r.id === q.id || Math.abs(r.us - T0) > 48 * 3_600_000_000) continue;
        const sim = trigramSimilarity(q.g, r.trgm);
        const shared = q.shares.has(r.id);
        const placed = r.landmarks.some((l) => q.landmarks.includes(l));
        const onStreet = r.streets.some((st) => q.streets.includes(st));
        const own = r.ward === q.ward;
        if (!own && !shared && !placed && !onStreet) continue;
        if (
          sim >= f(BOUNDS.textOnly) ||
          (shared && sim >= f(BOUNDS.withSharedEntity)) ||
          (placed && sim >= f(BOUNDS.withSharedPlace)) ||
          (onStreet && sim >= f(BOUNDS.withSharedStreet))
        )
          scanned.push(`${q.i} ${r.id} ${float4Value(sim)}`);
      }
    scanned.sort();
    expect(found).toEqual(scanned);
    // Enough of them for the comparison to say something, by text alone and through a share.
    expect(scanned.length).toBeGreaterThan(30);
    expect(found.filter((h) => Number(h.split(' ')[2]) >= 0.55).length).toBeGreaterThan(20);
    expect(found.filter((h) => Number(h.split(' ')[2]) < 0.55).length).toBeGreaterThan(5);
  });

  it('lets every day go when transaction ids went backwards', () => {
    const w = new SearchWindow();
    const loads = w.missing([search()], 48);
    w.apply(
      { snapshot: snap(500, 510), rows: [row('a', 'A', T0, arr(1))], searches: [], server: 's1' },
      loads,
    );
    expect(w.apply({ snapshot: snap(3, 4), rows: [], searches: [], server: 's1' }, [])).toBe(false);
    expect(w.rowsHeld).toBe(0);
    expect(w.asOf).toBeNull();
  });

  it('lets every day go when read on another server, or the same after a crash or failover', () => {
    const w = new SearchWindow();
    const loads = w.missing([search()], 48);
    w.apply(
      { snapshot: snap(500, 510), rows: [row('a', 'A', T0, arr(1))], searches: [], server: 's1' },
      loads,
    );
    expect(w.apply({ snapshot: snap(600, 610), rows: [], searches: [], server: 's2' }, [])).toBe(
      false,
    );
    expect(w.rowsHeld).toBe(0);
    expect(w.span()).toBeNull();
  });

  it('names the wards and days it holds, for the rows committed since to be read of them only', () => {
    const w = new SearchWindow();
    expect(w.span()).toBeNull();
    const loads = w.missing([search({ neighbours: [] })], 24);
    w.apply({ snapshot: snap(1, 2), rows: [], searches: [], server: 's1' }, loads);
    const day = Math.floor(T0 / DAY_US);
    expect(w.span()).toEqual({
      wards: ['A'],
      fromUs: (day - 1) * DAY_US,
      toUs: (day + 2) * DAY_US,
    });
  });

  it('past its bound, lets go of the days searched least recently', () => {
    const w = new SearchWindow(3);
    const early = search({ neighbours: [] });
    const later = search({
      i: 0,
      id: 'q2',
      neighbours: [],
      received_at: new Date((T0 + 10 * DAY_US) / 1000).toISOString(),
    });
    const l1 = w.missing([early], 1);
    w.apply(
      {
        snapshot: snap(1, 2),
        rows: [row('a', 'A', T0, arr(1)), row('b', 'A', T0 + 1, arr(1))],
        searches: [],
        server: 's1',
      },
      l1,
    );
    w.hits([early], 1, BOUNDS);
    const l2 = w.missing([later], 1);
    w.apply(
      {
        snapshot: snap(2, 3),
        rows: [
          row('c', 'A', T0 + 10 * DAY_US, arr(1)),
          row('d', 'A', T0 + 10 * DAY_US + 1, arr(1)),
        ],
        searches: [],
        server: 's1',
      },
      l2,
    );
    expect(w.rowsHeld).toBe(4);
    w.hits([later], 1, BOUNDS);
    expect(w.rowsHeld).toBe(2);
    expect(w.missing([early], 1)).not.toEqual([]);
    expect(w.missing([later], 1)).toEqual([]);
  });
});
