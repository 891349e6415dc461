import fc from 'fast-check';

/**
 * Generators for the fuzz scenario: valid bodies for every DTO and hostile bodies, query strings,
 * path parameters and headers. Bodies are built as a small JSON tree (`J`) rather than JS objects
 * so that a generated body can hold what a JS object cannot: `__proto__` as an own key, the same
 * key twice, and number tokens such as `1e309` or `-0` written exactly as a client would send them.
 */

/** A JSON token written out verbatim (`1e309`, `-0`, a deeply nested `[[[…]]]`). */
export class Raw {
  constructor(readonly text: string) {}
}
/** An object as a list of entries: keys may repeat and may be `__proto__`. */
export class Obj {
  constructor(readonly entries: [string, J][]) {}
  get(key: string): J | undefined {
    return this.entries.find(([k]) => k === key)?.[1];
  }
}
export type J = Raw | Obj | J[] | string | number | boolean | null;

export function toJson(v: J): string {
  if (v instanceof Raw) return v.text;
  if (v instanceof Obj) {
    return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`).join(',')}}`;
  }
  if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`;
  return JSON.stringify(v);
}

export function obj(record: Record<string, J | undefined>): Obj {
  return new Obj(Object.entries(record).filter((e): e is [string, J] => e[1] !== undefined));
}

export interface Reference {
  channels: string[];
  categories: string[];
  wards: string[];
  caseKinds: string[];
  severities: string[];
}

/** Marks every generated text that is a tip's content or a tipster's identity. */
export const CANARY = `Fz${Date.now().toString(36)}q`;

// --- hostile values ----------------------------------------------------------------------------

const UNICODE_EDGES = [
  '\uD800', // lone high surrogate
  '\uDFFF', // lone low surrogate
  '\uDBFF\uDFFF', // highest astral code point
  '\u0000', // NUL: PostgreSQL text cannot hold it
  '\u202E', // right-to-left override
  '\u2066\u202D\u2069', // isolates and left-to-right override
  'e\u0301\u0301\u0301\u0301\u0301\u0301\u0301\u0301', // stacked combining marks
  '\u200B\u200C\u200D\uFEFF', // zero widths and BOM
  '👮\u200D♀️🚓🏳️‍🌈', // emoji with joiners
  '\uFFFD\uFFFE\uFFFF', // replacement and non-characters
  '\u0085\u2028\u2029', // line separators
  '\u001B[31m', // terminal escape
  'Ａ\u3000ｆｕｌｌｗｉｄｔｈ', // full-width letters and ideographic space
  'Phường\u00A01', // a ward name with a no-break space
  'PHƯỜNG 1', // a ward in the wrong case
  'Phu\u031Bo\u031B\u0300ng 1', // a ward in decomposed form
];
const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE tips; --",
  '1); DELETE FROM audit_log; --',
  '" OR ""="',
  '%_%\\',
  '\\x00\\u0000',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '${jndi:ldap://example.invalid/a}',
  '../../../../etc/passwd',
  '$where',
  'SELECT pg_sleep(10)',
  '=cmd|" /C calc"!A0',
];
const NUMBERISH = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '0x1F',
  ' 1 ',
  '1,000',
  '1_000',
  '00001',
  '-0',
  '9007199254740993',
  '1e-400',
  'true',
  'null',
  'undefined',
  '',
  ' ',
];
const RAW_NUMBERS = ['1e309', '-1e309', '-0', '1e-400', '9007199254740993', '1.0e+2', '-0.0'];

/** A long string of `n` code units, repeating a short unit (possibly hostile). */
const hugeString = fc
  .tuple(
    fc.constantFrom(5_001, 10_000, 30_000, 70_000),
    fc.constantFrom('A', 'é', '🚓', '\u0301', "'", '\uD800', 'a '),
  )
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...UNICODE_EDGES, ...INJECTIONS, ...NUMBERISH),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc
    .tuple(
      fc.constantFrom(...UNICODE_EDGES, ...INJECTIONS),
      fc.constantFrom(...UNICODE_EDGES, ...INJECTIONS),
    )
    .map(([a, b]) => `${a} ${CANARY} ${b}`),
  fc.uuid().map((u) => u.toUpperCase()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    '2999-01-01T00:00:00Z',
    '1969-12-31T23:59:59Z',
    '2026-02-30T00:00:00Z',
    '2026-13-01',
    '0000-00-00T00:00:00Z',
    '+275760-09-13T00:00:00Z',
  ),
  { arbitrary: hugeString, weight: 1 },
);

/** Hostile text for names rather than content (keys, path ids): never carries the canary. */
export const hostileKey: fc.Arbitrary<string> = hostileString.map((s) => s.split(CANARY).join('k'));

/** Deep nesting as raw JSON: arrays or objects, between 33 and ~20,000 levels (all under 64 KB). */
export const deepJson: fc.Arbitrary<Raw> = fc
  .tuple(fc.constantFrom(33, 100, 1_500, 5_000, 12_000, 20_000), fc.boolean())
  .map(([levels, arrays]) =>
    arrays
      ? new Raw('['.repeat(levels) + ']'.repeat(levels))
      : new Raw('{"a":'.repeat(levels) + '1' + '}'.repeat(levels)),
  );

/** An array large in count (up to the body limit) or over the DTOs' maximum sizes. */
const hugeArray: fc.Arbitrary<J> = fc
  .tuple(fc.constantFrom(51, 1_001, 10_000, 30_000), fc.constantFrom<J>(1, 'x', null, new Obj([])))
  .map(([n, item]) => new Raw(`[${Array.from({ length: n }, () => toJson(item)).join(',')}]`));

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];

const pollution: fc.Arbitrary<Obj> = fc
  .tuple(fc.constantFrom(...POLLUTION_KEYS), fc.constantFrom('polluted', 'isAdmin', 'role'))
  .map(([k, p]) =>
    k === 'constructor'
      ? obj({ constructor: obj({ prototype: obj({ [p]: true }) }) })
      : new Obj([[k, obj({ [p]: true, role: 'admin' })]]),
  );

/** Any scalar, array or object a client could send where a field's value goes. */
export const hostileValue: fc.Arbitrary<J> = fc.oneof(
  { arbitrary: hostileString, weight: 6 },
  {
    arbitrary: fc.oneof(
      fc.constantFrom<J>(null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, 2 ** 31),
      fc.double().filter(Number.isFinite),
      fc.integer(),
      fc.constantFrom(...RAW_NUMBERS).map((t) => new Raw(t)),
    ),
    weight: 3,
  },
  {
    arbitrary: fc.oneof(
      fc.constant<J>([]),
      fc.constant<J>(new Obj([])),
      fc.array(hostileString, { maxLength: 3 }),
      pollution,
    ),
    weight: 2,
  },
  { arbitrary: deepJson, weight: 1 },
  { arbitrary: hugeArray, weight: 1 },
);

// --- valid bodies, one generator per DTO -------------------------------------------------------

const WORDS = [
  'xe máy',
  'bị lấy trộm',
  'trước cửa nhà',
  'lúc',
  'đêm qua',
  'người đàn ông',
  'áo khoác đen',
  'chạy về hướng chợ',
  'a man',
  'stolen',
  'near the market',
  '🚓',
  'ﷺ',
  'עברית',
  'e\u0301',
  '\u202Eright-to-left',
];

const text = (min: number, max: number): fc.Arbitrary<string> =>
  fc
    .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 })
    .map((ws) => `${CANARY} ${ws.join(' ')}`.slice(0, max).padEnd(min, '.'));

const pastIso = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2026-01-01T00:00:00Z') })
  .filter((d) => !Number.isNaN(d.getTime()))
  .map((d) => d.toISOString());

/** After the fixture case occurred (2026-01-10 10:00 UTC): an arrest cannot come before it. */
const afterFixtureCase = fc
  .integer({ min: Date.parse('2026-01-10T10:00:00Z'), max: Date.now() - 60_000 })
  .map((t) => new Date(t).toISOString());

const phone = fc.stringMatching(/^0\d{9}$/);
const email = fc.constantFrom(
  `${CANARY.toLowerCase()}@example.vn`,
  `a.b+${CANARY.toLowerCase()}@example.com`,
);

function tipFields(ref: Reference, channels: string[]): fc.Arbitrary<Record<string, J>> {
  return fc.record(
    {
      channel: fc.constantFrom(...channels),
      category: fc.constantFrom(...ref.categories),
      ward: fc.constantFrom(...ref.wards),
      description: text(10, 5000),
      occurredAt: pastIso,
      location: fc
        .record(
          {
            address: text(1, 300),
            // GPS precision (six decimals): class-validator refuses exponent forms like 5e-324.
            lat: fc.integer({ min: -90_000_000, max: 90_000_000 }).map((n) => n / 1e6),
            lng: fc.integer({ min: -180_000_000, max: 180_000_000 }).map((n) => n / 1e6),
          },
          { requiredKeys: [] },
        )
        .map((r) => obj(r)),
      anonymous: fc.boolean(),
      tipster: fc
        .record(
          { name: text(1, 200).map((t) => `Nguyễn ${t}`.slice(0, 200)), phone, email },
          { requiredKeys: [] },
        )
        .map((r) => obj(r)),
    },
    { requiredKeys: ['category', 'ward', 'description', 'anonymous', 'channel'] },
  );
}

let importRef = 0;
let userSeq = 0;

/** Valid bodies by route (`METHOD /path`): what each DTO accepts. */
export function validBodies(ref: Reference): Record<string, fc.Arbitrary<Obj>> {
  const caseFields = fc
    .record({
      title: text(3, 300),
      kind: fc.constantFrom(...ref.caseKinds),
      category: fc.constantFrom(...ref.categories),
      severity: fc.constantFrom(...ref.severities),
      ward: fc.constantFrom(...ref.wards),
      occurredAt: pastIso,
    })
    .map((r) => obj(r));
  return {
    'POST /api/auth/login': fc
      .record({ username: fc.constant('nobody'), password: text(1, 64) })
      .map(obj),
    'POST /api/users': fc
      .record({
        password: fc.constant('a-long-enough-password'),
        role: fc.constantFrom('operator', 'investigator', 'supervisor', 'admin'),
        displayName: fc.constantFrom('Trần Văn A', 'Lê Thị B', 'Officer C'),
      })
      .map((r) => obj({ username: `fz-user-${process.pid}-${++userSeq}`, ...r })),
    'POST /api/tips': tipFields(ref, ref.channels).map(obj),
    'POST /api/public/tips': tipFields(ref, ['web', 'app']).map(({ anonymous, ...r }) => {
      void anonymous;
      return obj(r);
    }),
    'POST /api/tips/import': fc
      .array(
        fc
          .tuple(tipFields(ref, ref.channels), pastIso)
          .map(([r, receivedAt]) =>
            obj({ ...r, receivedAt, externalRef: `FZ/${process.pid}/${++importRef}` }),
          ),
        { minLength: 1, maxLength: 3 },
      )
      .map((tips) => obj({ tips })),
    'POST /api/cases': caseFields,
    'POST /api/cases/:id/arrests': fc
      .record(
        { personName: text(1, 200), charge: text(1, 300), arrestedAt: afterFixtureCase },
        { requiredKeys: ['personName', 'arrestedAt'] },
      )
      .map(obj),
    'POST /api/cases/:id/resolve': fc
      .record(
        { resolution: fc.constantFrom('solved', 'unfounded'), resolvedAt: pastIso },
        { requiredKeys: ['resolution'] },
      )
      .map(obj),
    'POST /api/cases/:id/legal-hold': fc
      .record({ hold: fc.boolean(), reason: text(10, 500) })
      .map(obj),
    'POST /api/tips/:id/messages': fc.record({ body: text(1, 2000) }).map(obj),
    'POST /api/public/tips/messages': fc.record({ body: text(1, 2000) }).map(obj),
    'POST /api/tips/:id/tipster': fc.record({ reason: text(10, 500) }).map(obj),
    'POST /api/leads/claim': fc
      .record(
        {
          wards: fc.array(fc.constantFrom(...ref.wards), { maxLength: 3 }),
          categories: fc.array(fc.constantFrom(...ref.categories), { maxLength: 3 }),
        },
        { requiredKeys: [] },
      )
      .map(obj),
    'POST /api/leads/:id/link': fc.oneof(
      fc.uuid().map((caseId) => obj({ caseId })),
      caseFields.map((newCase) => obj({ newCase })),
    ),
    'POST /api/leads/:id/dismiss': fc.record({ reason: text(3, 1000) }).map(obj),
  };
}

// --- hostile bodies ----------------------------------------------------------------------------

export interface BodyCase {
  kind: string;
  /** What goes on the wire; undefined sends no body at all. */
  payload?: string | Buffer;
  contentType?: string;
  /** True when the server parses it to a JSON object of sane depth, so field errors are due. */
  fieldErrorsDue: boolean;
}

function mutate(base: Obj): fc.Arbitrary<Obj> {
  const keys = base.entries.map(([k]) => k);
  const nestedKeys = base.entries.filter(([, v]) => v instanceof Obj).map(([k]) => k);
  const ops: fc.Arbitrary<Obj>[] = [
    // a field gets a hostile value
    fc
      .tuple(fc.constantFrom(...(keys.length ? keys : ['x'])), hostileValue)
      .map(([k, v]) => new Obj([...base.entries.filter(([x]) => x !== k), [k, v]])),
    // a required field goes missing, or every field
    fc
      .constantFrom(...(keys.length ? keys : ['x']))
      .map((k) => new Obj(base.entries.filter(([x]) => x !== k))),
    // an unknown key, a pollution key, or the same key twice
    fc
      .tuple(
        fc.oneof(fc.constantFrom(...POLLUTION_KEYS, 'isAdmin', 'id', 'stage', ''), hostileKey),
        hostileValue,
      )
      .map(([k, v]) => new Obj([...base.entries, [k.slice(0, 200), v]])),
    pollution.map((p) => new Obj([...base.entries, ...p.entries])),
    fc
      .tuple(fc.constantFrom(...(keys.length ? keys : ['x'])), hostileValue)
      .map(([k, v]) => new Obj([...base.entries, [k, v]])),
    // several fields at once
    fc
      .array(fc.tuple(fc.constantFrom(...(keys.length ? keys : ['x'])), hostileValue), {
        minLength: 2,
        maxLength: 4,
      })
      .map((changes) => {
        const m = new Map(base.entries);
        for (const [k, v] of changes) m.set(k, v);
        return new Obj([...m.entries()]);
      }),
  ];
  if (nestedKeys.length) {
    // a hostile value inside a nested object (location, tipster, newCase, a tip of an import)
    ops.push(
      fc
        .tuple(fc.constantFrom(...nestedKeys), hostileKey, hostileValue)
        .map(
          ([k, inner, v]) =>
            new Obj(
              base.entries.map(([x, val]) =>
                x === k && val instanceof Obj
                  ? [
                      x,
                      new Obj([
                        ...val.entries.filter(([y]) => y !== inner),
                        [inner.slice(0, 50), v],
                      ]),
                    ]
                  : [x, val],
              ),
            ),
        ),
    );
  }
  return fc.oneof(...ops);
}

const MALFORMED = [
  '{',
  '{"a":1,}',
  "{'a':1}",
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":undefined}',
  '{"a":1}{"b":2}',
  '{"a":1 /* comment */}',
  '{"a":"\\x41"}',
  '{"a":"\\ud800"',
  '\u0000',
  '{"a":01}',
  '[1,2',
  '{"a":"line\nbreak"}',
];

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/merge-patch+json',
  'application/json-seq',
  '*/*',
  'application/jsonx',
];

export function bodyCases(valid: fc.Arbitrary<Obj> | undefined): fc.Arbitrary<BodyCase> {
  const base = valid ?? fc.constant(new Obj([]));
  const json = (kind: string, fieldErrorsDue: boolean) => (v: J) => ({
    kind,
    payload: toJson(v),
    contentType: 'application/json',
    fieldErrorsDue,
  });
  return fc.oneof(
    { arbitrary: base.chain(mutate).map(json('mutated DTO', true)), weight: 10 },
    {
      arbitrary: fc
        .dictionary(
          fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...POLLUTION_KEYS)),
          hostileValue,
          { maxKeys: 4 },
        )
        .map((d) => new Obj(Object.entries(d)))
        .map(json('random object', true)),
      weight: 2,
    },
    {
      arbitrary: fc
        .oneof(
          fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
          fc.constantFrom('null', '"text"', '1e309', '-0', 'true', '[]', `["${CANARY}"]`),
        )
        .map((payload) => ({
          kind: 'any JSON',
          payload,
          contentType: 'application/json',
          fieldErrorsDue: false,
        })),
      weight: 2,
    },
    {
      arbitrary: fc
        .tuple(deepJson, fc.boolean())
        .map(([deep, root]) => (root ? deep : obj({ description: deep, tips: deep })))
        .map(json('deep nesting', false)),
      weight: 2,
    },
    {
      arbitrary: hugeArray
        .map((a) => obj({ tips: a, wards: a, body: a }))
        .map(json('huge array', true)),
      weight: 1,
    },
    {
      arbitrary: fc.constantFrom(...MALFORMED).map((payload) => ({
        kind: 'malformed JSON',
        payload,
        contentType: 'application/json',
        fieldErrorsDue: false,
      })),
      weight: 2,
    },
    {
      arbitrary: base.map((v) => ({
        kind: 'BOM before JSON',
        payload: `\uFEFF${toJson(v)}`,
        contentType: 'application/json',
        fieldErrorsDue: false,
      })),
      weight: 1,
    },
    {
      arbitrary: fc.constantFrom<BodyCase>(
        { kind: 'empty body', payload: '', contentType: 'application/json', fieldErrorsDue: false },
        { kind: 'no body', fieldErrorsDue: false },
        {
          kind: 'whitespace body',
          payload: '  \n ',
          contentType: 'application/json',
          fieldErrorsDue: false,
        },
      ),
      weight: 1,
    },
    {
      arbitrary: fc.tuple(base, fc.constantFrom(...CONTENT_TYPES)).map(([v, contentType]) => ({
        kind: 'wrong content-type',
        payload: toJson(v),
        contentType,
        fieldErrorsDue: false,
      })),
      weight: 2,
    },
    {
      arbitrary: fc.constantFrom(65 * 1024, 200 * 1024).map((n) => ({
        kind: 'over 64 KB',
        payload: toJson(obj({ description: 'x'.repeat(n) })),
        contentType: 'application/json',
        fieldErrorsDue: false,
      })),
      weight: 1,
    },
    {
      arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => ({
        kind: 'invalid UTF-8',
        payload: Buffer.concat([
          Buffer.from('{"description":"'),
          Buffer.from(bytes.map((b) => (b === 0x22 || b === 0x5c ? 0xff : b | 0x80))),
          Buffer.from('"}'),
        ]),
        contentType: 'application/json',
        fieldErrorsDue: false,
      })),
      weight: 1,
    },
  );
}

// --- path parameters, query strings, headers ----------------------------------------------------

/** Percent-encodes like encodeURIComponent, but lone surrogates become invalid UTF-8 bytes. */
export function encode(s: string): string {
  return s.replace(/[\s\S]/gu, (ch) => {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) return '%ED%A0%80';
    return encodeURIComponent(ch);
  });
}

export interface IdCase {
  kind: string;
  /** Already encoded for the path. */
  segment: string;
}

export function idCases(real: string[]): fc.Arbitrary<IdCase> {
  return fc.oneof(
    {
      arbitrary: fc.constantFrom(...real).map((id) => ({ kind: 'real id', segment: id })),
      weight: 3,
    },
    { arbitrary: fc.uuid().map((id) => ({ kind: 'unknown UUID', segment: id })), weight: 2 },
    {
      arbitrary: fc
        .constantFrom(...real)
        .map((id) => ({ kind: 'upper-case id', segment: id.toUpperCase() })),
      weight: 1,
    },
    {
      arbitrary: hostileKey
        .filter((s) => s.length > 0)
        .map((s) => ({ kind: 'hostile id', segment: encode(s.slice(0, 1_200)) })),
      weight: 4,
    },
    {
      arbitrary: fc
        .constantFrom(
          '00000000-0000-0000-0000-000000000000',
          'ffffffff-ffff-ffff-ffff-ffffffffffff',
          '1',
          '-1',
          '0',
          'null',
          'undefined',
          '%',
          '%zz',
          '%00',
          '%C0%AF',
          '..%2F..%2Fetc',
          'a'.repeat(7_000),
          '1'.repeat(40),
        )
        .map((segment) => ({ kind: 'odd id', segment })),
      weight: 2,
    },
  );
}

export function queryStrings(known: string[]): fc.Arbitrary<{ kind: string; query: string }> {
  const key = fc.oneof(
    { arbitrary: fc.constantFrom(...(known.length ? known : ['limit'])), weight: 4 },
    { arbitrary: fc.constantFrom(...POLLUTION_KEYS, '__proto__[x]', 'a[b]', 'x[]', ''), weight: 1 },
    { arbitrary: hostileKey.map((s) => s.slice(0, 50)), weight: 1 },
  );
  const value = fc.oneof(
    // Names and filters, not tip text: the canary (which errors must never echo) stays out.
    { arbitrary: hostileKey.map((s) => encode(s.slice(0, 1_200))), weight: 5 },
    { arbitrary: fc.constantFrom('a'.repeat(12_000), 'é'.repeat(2_000)).map(encode), weight: 1 },
    { arbitrary: fc.constantFrom('%', '%zz', '%00', '%ED%A0%80', '&&', '=='), weight: 1 },
    { arbitrary: fc.integer().map(String), weight: 1 },
  );
  return fc
    .array(fc.tuple(key, value, fc.boolean()), { minLength: 1, maxLength: 5 })
    .map((pairs) => ({
      kind: 'hostile query',
      query: pairs
        .map(([k, v, bare]) => (bare && v === '' ? encode(k) : `${encode(k)}=${v}`))
        .join('&'),
    }));
}

/** Query keys each list or report route reads (its query DTO). */
export const QUERY_KEYS: Record<string, string[]> = {
  'GET /api/tips': [
    'stage',
    'ward',
    'category',
    'channel',
    'from',
    'to',
    'mine',
    'reference',
    'limit',
    'cursor',
  ],
  'GET /api/leads': ['stage', 'limit', 'cursor'],
  'GET /api/cases': ['status', 'ward', 'kind', 'limit', 'cursor'],
  'GET /api/audit': ['entityType', 'entityId', 'actor', 'from', 'to', 'limit', 'cursor'],
  'GET /api/reports/annual': ['year'],
  'GET /api/reports/funnel': ['from', 'to', 'ward', 'category', 'channel'],
  'GET /api/reports/funnel.csv': ['from', 'to', 'ward', 'category', 'channel'],
  'GET /api/reports/tips.csv': ['from', 'to', 'ward', 'category', 'channel', 'stage'],
};

export const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'a'.repeat(201),
    'schl\u00fcssel',
    'key with space',
    '\t',
    "'; DROP TABLE tips; --",
    'x'.repeat(8_000),
  ),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 }),
  fc.uuid(),
);
