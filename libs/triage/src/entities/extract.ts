export interface ExtractedEntities {
  /** Digits only, leading 0: '0901234567', '02838123456'. */
  phones: string[];
  /** Upper case, no separators: '59X123456', '51F12345'. */
  plates: string[];
  /** Folded, '<number> <street>': '45 khanh hoi', '123/4 hoang dieu', 'hem 12 ton dan'. */
  addresses: string[];
  /**
   * Named places, folded, '<kind> <name>': 'cho xom chieu', 'cau kenh te', 'truong van don',
   * 'giao lo hoang dieu le quoc hung'. Absent on entities stored before they were extracted.
   */
  landmarks?: string[];
  /** People named with a title ('thằng Tèo', 'bà Sáu'), the name folded: 'teo', 'sau'. Absent likewise. */
  people?: string[];
  /** District 4 streets the tip mentions, folded: 'ton dan'. Absent likewise. */
  streets?: string[];
}

// Same folding as triage's normalizeText, except that '/' survives: '123/4' and '123 4' are
// different houses.
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}/]+/gu, ' ')
    .replace(/\s*\/\s*/g, '/')
    .trim();
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

// Mobile: 0 + [35789] + 8 digits; landline: 028 + 8 digits, maybe as '(028)'. Separators: space,
// dot, dash.
// '+84'/'84' replace the leading 0. Not preceded by a digit (or a digit and a separator, which
// would be the tail of an amount like '1.000.000'), and not followed by another digit.
const PHONE =
  /(?<!\d)(?<!\d[.-])\(?(?:\+84|84|0)\)?[\s.-]?((?:[35789]|2[\s.-]?8\)?)(?:[\s.-]?\d){8})(?!\d)/g;

function extractPhones(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PHONE)) {
    out.push('0' + (m[1] ?? '').replace(/\D/g, ''));
  }
  return out;
}

// Province 11–99, series of 1–2 letters plus an optional digit, then 4 digits or 5 digits that
// may be written 'ddd.dd'. Letters limited to ASCII so Vietnamese words never start a series.
const PLATE =
  /(?<![\p{L}\p{N}])(1[1-9]|[2-9]\d)[\s.-]?([A-Za-z]{1,2}\d?)[\s.-]{0,2}(\d{3}\.?\d{2}|\d{4})(?![\p{L}\p{N}]|\.\d)/gu;

function extractPlates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PLATE)) {
    out.push(`${m[1]}${(m[2] ?? '').toUpperCase()}${(m[3] ?? '').replace('.', '')}`);
  }
  return out;
}

// District 4 streets; more can be added without touching the pattern.
const DISTRICT4_STREETS = [
  'Khánh Hội',
  'Hoàng Diệu',
  'Tôn Thất Thuyết',
  'Nguyễn Tất Thành',
  'Bến Vân Đồn',
  'Đoàn Văn Bơ',
  'Vĩnh Khánh',
  'Xóm Chiếu',
  'Lê Văn Linh',
  'Tôn Đản',
  'Lê Quốc Hưng',
  'Nguyễn Khoái',
  'Lê Thạch',
  'Ngô Văn Sở',
].map(fold);

// Longest names first so 'ton that thuyet' is not cut to a shorter match.
const STREET_ALT = [...DISTRICT4_STREETS].sort((a, b) => b.length - a.length).join('|');

// On folded text: optional 'so'/'hem'/'ngo'/'kiet', house number (with '/' parts and an a–g
// suffix; not 'h', so '22h Khanh Hoi' is a time), optional 'duong', a known street. A number
// right after 'phuong'/'quan'/'lau'/'tang' is a ward, district or floor, not a house.
const KNOWN_STREET_ADDRESS = new RegExp(
  `(?:^| )(?:(so|hem|ngo|kiet) )?(?<!(?:phuong|quan|p|q|lau|tang) )` +
    `(\\d{1,4}[a-g]?(?:/\\d{1,4}[a-g]?)*) (?:duong )?(${STREET_ALT})(?= |$)`,
  'g',
);

// On the original text: '<number> đường <Capitalized Words>' for streets outside the list.
const GENERIC_STREET_ADDRESS =
  /(?<![\p{L}\p{N}/])(\d{1,4}[A-Ga-g]?(?:\/\d{1,4}[A-Ga-g]?)*)\s+[đĐ]ường\s+(\p{Lu}\p{Ll}*(?:[ \t]+\p{Lu}\p{Ll}*){0,4})/gu;
// Capitalised words that start the ward/district/city part, not the street name.
// 'Thành' alone is common in street names (Nguyễn Tất Thành), so only 'Thành Phố' counts.
const ADMIN_WORDS = new Set(['phuong', 'quan', 'p', 'q', 'tp', 'tphcm', 'huyen', 'xa']);

function streetName(capitalized: string): string {
  const words = fold(capitalized).split(' ');
  const end = words.findIndex(
    (w, i) => ADMIN_WORDS.has(w) || (w === 'thanh' && words[i + 1] === 'pho'),
  );
  return (end === -1 ? words : words.slice(0, end)).join(' ');
}

function addressKey(prefix: string | undefined, number: string, street: string): string {
  // 'số' and 'đường' carry no information; an alley ('hẻm', 'ngõ', 'kiệt') is a different place
  // from the house with the same number, so it stays, spelled 'hem'.
  const alley = prefix && prefix !== 'so' ? 'hem ' : '';
  return `${alley}${number} ${street}`;
}

function extractAddresses(text: string): string[] {
  const out: string[] = [];
  const folded = fold(text);
  for (const m of folded.matchAll(KNOWN_STREET_ADDRESS)) {
    out.push(addressKey(m[1], m[2] ?? '', m[3] ?? ''));
  }
  for (const m of text.normalize('NFC').matchAll(GENERIC_STREET_ADDRESS)) {
    // The word before the number decides whether it is an alley; look back on the folded text.
    const before = fold(text.normalize('NFC').slice(0, m.index)).split(' ').pop();
    const prefix = before === 'hem' || before === 'ngo' || before === 'kiet' ? before : undefined;
    const street = streetName(m[2] ?? '');
    if (street !== '') out.push(addressKey(prefix, fold(m[1] ?? ''), street));
  }
  return out;
}

function addressFieldKeys(address: string): string[] {
  const found = extractAddresses(address);
  if (found.length > 0) return found;
  // An address we cannot parse is still worth comparing verbatim, minus the filler words.
  const folded = fold(address)
    .split(' ')
    .filter((w) => w !== 'so' && w !== 'duong')
    .join(' ');
  return folded === '' ? [] : [folded];
}

// ---- Landmarks and people -------------------------------------------------------------------
// Second witnesses seldom give the same house number: one says 'gần chợ Xóm Chiếu', another
// 'trước cầu Kênh Tẻ', a third names the man everyone in the street knows ('thằng Tèo'). A named
// place or a person is weaker than a house or a plate (a market sees many incidents), so the
// duplicate rules ask more common wording with them (libs/triage, DUPLICATE_RULES).

interface Word {
  /** As written, NFC. */
  raw: string;
  /** Lower case, marks kept. */
  lower: string;
  folded: string;
  /** Punctuation (not just spaces) between this word and the one before it. */
  breakBefore: boolean;
  /** '-', '–' or '/' (and nothing else) between this word and the one before it. */
  dashBefore: boolean;
}

function words(text: string): Word[] {
  const out: Word[] = [];
  const re = /[\p{L}\p{N}]+/gu;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const gap = text.slice(last, m.index);
    const raw = m[0];
    out.push({
      raw,
      lower: raw.toLowerCase(),
      folded: fold(raw),
      breakBefore: /[^\s]/u.test(gap),
      dashBefore: /^\s*[-–/]\s*$/u.test(gap),
    });
    last = (m.index ?? 0) + raw.length;
  }
  return out;
}

// Kinds of named place, as written; the key uses the folded kind ('trạm xăng' keys as 'cay xang').
const PLACE_KINDS: [string, string][] = [
  ['chợ', 'cho'],
  ['cầu', 'cau'],
  ['bến', 'ben'],
  ['trường', 'truong'],
  ['nhà thờ', 'nha tho'],
  ['giáo xứ', 'nha tho'],
  ['chùa', 'chua'],
  ['đình', 'dinh'],
  ['miếu', 'mieu'],
  ['công viên', 'cong vien'],
  ['cây xăng', 'cay xang'],
  ['trạm xăng', 'cay xang'],
  ['bệnh viện', 'benh vien'],
  ['chung cư', 'chung cu'],
  ['nhà nghỉ', 'nha nghi'],
  ['khách sạn', 'khach san'],
  ['bảo tàng', 'bao tang'],
  ['siêu thị', 'sieu thi'],
  ['cảng', 'cang'],
];
// Crossings of two streets, keyed alike however a witness names them.
const CROSSING_KINDS = ['ngã tư', 'ngã ba', 'ngã năm', 'giao lộ', 'góc'];
// Words between a kind and its name that do not belong to the name.
const PLACE_FILLERS = [
  'tiểu học',
  'trung học cơ sở',
  'trung học phổ thông',
  'thcs',
  'thpt',
  'mầm non',
  'mẫu giáo',
  'trên đường',
  'đường',
];
// Words before a place that make it a direction, not a scene ('chạy về hướng cầu Calmette').
const TOWARDS = new Set(['hướng', 'phía', 'về', 'sang', 'qua']);
// District 4 names a witness may type in lower case ('cho xom chieu', 'cau kenh te'): the streets
// above and the district's bridges and landmarks. Capitalised names need no list.
const DISTRICT4_PLACE_NAMES = [
  ...DISTRICT4_STREETS,
  ...['Kênh Tẻ', 'Calmette', 'Ông Lãnh', 'Tân Thuận', 'Nguyễn Văn Cừ', 'Nhà Rồng', 'Bến Nghé'].map(
    fold,
  ),
]
  .map((n) => n.split(' '))
  .sort((a, b) => b.length - a.length);
// Capitalised words that end a name: the ward, district and city part of an address.
const NAME_STOPS = new Set(['phuong', 'quan', 'p', 'q', 'tp', 'tphcm', 'thanh', 'quan4']);
// Titles before a person's name, as written; without marks only where the tipster typed none.
const TITLES = [
  'thằng',
  'con',
  'bà',
  'ông',
  'anh',
  'chị',
  'cô',
  'chú',
  'cậu',
  'bé',
  'dì',
  'thím',
  'mợ',
  'mụ',
  'lão',
  'tên',
];
// 'cau' (cậu) is left out unmarked: it reads as 'cầu' (bridge) far more often.
const TITLES_UNMARKED = new Set(TITLES.map(fold).filter((t) => t !== 'cau'));
// Capitalised words after a title that are not names.
const NOT_NAMES = new Set(['phuong', 'quan', 'cong', 'tp', 'toi', 'em', 'anh', 'chi']);

function isCapitalised(w: Word): boolean {
  return /^\p{Lu}/u.test(w.raw);
}

/** The words of a phrase looked for, as written and folded (split and folded once). */
const PHRASE_WORDS = new Map<string, { written: string[]; folded: string[] }>();

function phraseWords(phrase: string): { written: string[]; folded: string[] } {
  let words = PHRASE_WORDS.get(phrase);
  if (!words) {
    const written = phrase.split(' ');
    words = { written, folded: written.map(fold) };
    PHRASE_WORDS.set(phrase, words);
  }
  return words;
}

/** A phrase of `ws` starting at `i`, as written (marked text) or folded (text typed without marks). */
function phraseAt(ws: Word[], i: number, phrase: string, marked: boolean): number {
  const { written, folded } = phraseWords(phrase);
  for (let k = 0; k < written.length; k++) {
    const w = ws[i + k];
    if (!w || (k > 0 && w.breakBefore)) return 0;
    if (!(marked ? w.lower === written[k] : w.folded === folded[k])) return 0;
  }
  return written.length;
}

/** A name starting at `i`: capitalised words or codes (H3), or a known District 4 name. */
function nameAt(ws: Word[], i: number, allCaps: boolean): string[] {
  const first = ws[i];
  if (!first || first.breakBefore) return [];
  if (!allCaps) {
    const name: string[] = [];
    for (let k = i; k < ws.length && name.length < 5; k++) {
      const w = ws[k];
      if (k > i && (w.breakBefore || w.dashBefore)) break;
      const code = /^\p{Lu}+\d+\p{Lu}?$|^\d+\p{Lu}$/u.test(w.raw);
      if (!(isCapitalised(w) || code) || NAME_STOPS.has(w.folded)) break;
      name.push(w.folded);
    }
    if (name.length > 0) return name;
  }
  for (const known of DISTRICT4_PLACE_NAMES) {
    if (known.every((p, k) => ws[i + k]?.folded === p && (k === 0 || !ws[i + k].breakBefore)))
      return known;
  }
  return [];
}

const STREET_SET = new Set(DISTRICT4_STREETS);

function extractPlacesAndPeople(text: string): { landmarks: string[]; people: string[] } {
  const ws = words(text);
  const marked = /[^\p{ASCII}]/u.test(text);
  const letters = text.match(/\p{L}/gu) ?? [];
  const allCaps =
    letters.length >= 8 &&
    letters.filter((c) => c !== c.toLowerCase()).length / letters.length > 0.8;
  const landmarks: string[] = [];
  const people: string[] = [];
  const used = new Set<number>();
  const towards = (i: number) => i > 0 && !ws[i].breakBefore && TOWARDS.has(ws[i - 1].lower);

  for (let i = 0; i < ws.length; i++) {
    // A crossing: '<kind> <Street> - <Street>' or '... <Street> và <Street>'.
    let crossing = 0;
    for (const k of CROSSING_KINDS) if ((crossing = phraseAt(ws, i, k, marked)) > 0) break;
    if (crossing) {
      const a = nameAt(ws, i + crossing, allCaps);
      let j = i + crossing + a.length;
      const joiner =
        ws[j] && !ws[j].breakBefore && ['và', 'với', 'va', 'voi'].includes(ws[j].lower);
      if (joiner) j++;
      const b =
        a.length > 0 && (joiner || ws[j]?.dashBefore)
          ? nameAt(
              ws.map((w, k) => (k === j ? { ...w, breakBefore: false } : w)),
              j,
              allCaps,
            )
          : [];
      if (a.length > 0 && b.length > 0) {
        landmarks.push(`giao lo ${[a.join(' '), b.join(' ')].sort().join(' ')}`);
        for (let k = i; k < j + b.length; k++) used.add(k);
        i = j + b.length - 1;
        continue;
      }
    }
    for (const [kind, key] of PLACE_KINDS) {
      const n = phraseAt(ws, i, kind, marked);
      if (n === 0) continue;
      let j = i + n;
      for (const filler of PLACE_FILLERS) {
        const f = phraseAt(ws, j, filler, marked);
        if (f > 0 && !ws[j].breakBefore) {
          j += f;
          break;
        }
      }
      const name = nameAt(ws, j, allCaps);
      if (name.length === 0 || towards(i)) break;
      const full = `${key} ${name.join(' ')}`;
      // 'Bến Vân Đồn' is a street, not a wharf.
      if (STREET_SET.has(full)) break;
      landmarks.push(full);
      // A place named after another names that one too: 'chợ Cầu Ông Lãnh' is by 'cầu Ông Lãnh'.
      const inner = PLACE_KINDS.find(
        ([, k]) => name.join(' ').startsWith(`${k} `) && name.length > 1,
      );
      if (inner) landmarks.push(name.join(' '));
      // 'chung cư H3 Hoàng Diệu' is also 'chung cư H3'.
      const street = name.join(' ');
      for (const s of DISTRICT4_STREETS) {
        if (street.endsWith(` ${s}`)) landmarks.push(`${key} ${street.slice(0, -s.length - 1)}`);
      }
      for (let k = i; k < j + name.length; k++) used.add(k);
      i = j + name.length - 1;
      break;
    }
  }

  if (!allCaps) {
    for (let i = 0; i + 1 < ws.length; i++) {
      const t = ws[i];
      if (used.has(i) || used.has(i + 1)) continue;
      const title = marked ? TITLES.includes(t.lower) : TITLES_UNMARKED.has(t.lower);
      if (!title || ws[i + 1].breakBefore) continue;
      const name: string[] = [];
      for (let k = i + 1; k < ws.length && name.length < 3; k++) {
        const w = ws[k];
        if ((k > i + 1 && w.breakBefore) || used.has(k)) break;
        if (!/^\p{Lu}\p{Ll}+$/u.test(w.raw) || NOT_NAMES.has(w.folded)) break;
        name.push(w.folded);
      }
      if (name.length > 0) people.push(name.join(' '));
    }
  }
  return { landmarks: unique(landmarks), people: unique(people) };
}

// A house in an alley ('56/12 le van linh') and the alley itself ('hem 56 le van linh') are one
// place for a second witness, not one house: the alley is kept as a named place.
function alleyOf(address: string): string[] {
  const m = /^(?:hem (\d{1,4})[a-g]?|(\d{1,4})[a-g]?\/\S+) (.+)$/.exec(address);
  return m ? [`hem ${m[1] ?? m[2]} ${m[3]}`] : [];
}

/**
 * Phones, plates, addresses, named places and titled people found in a tip, normalized and
 * deduplicated, in order of appearance.
 */
export function extractEntities(text: string, address?: string | null): ExtractedEntities {
  const t = text.normalize('NFC');
  const found = extractPlacesAndPeople(t);
  const fromField = address ? extractPlacesAndPeople(address.normalize('NFC')).landmarks : [];
  const folded = ` ${fold(`${t} ${address ?? ''}`).replace(/\//g, ' ')} `;
  const addresses = unique([...(address ? addressFieldKeys(address) : []), ...extractAddresses(t)]);
  return {
    phones: unique(extractPhones(t)),
    plates: unique(extractPlates(t)),
    addresses,
    landmarks: unique([...fromField, ...found.landmarks, ...addresses.flatMap(alleyOf)]),
    people: found.people,
    streets: DISTRICT4_STREETS.filter((st) => folded.includes(` ${st} `)),
  };
}

/**
 * Items two tips share, as short labels ("phone 0901234567") for link reasons. They hold phone
 * numbers, so they belong in the stored link, not in logs.
 */
export function sharedEntities(a: ExtractedEntities, b: ExtractedEntities): string[] {
  const shared = (kind: string, xs: string[], ys: string[]): string[] => {
    const other = new Set(ys);
    return unique(xs.filter((x) => other.has(x))).map((x) => `${kind} ${x}`);
  };
  const exact = [
    ...shared('phone', a.phones, b.phones),
    ...shared('plate', a.plates, b.plates),
    ...shared('address', a.addresses, b.addresses),
  ];
  // Entities stored before places, people and streets were extracted have none of them. An
  // alley given as an address on both sides is labelled once, as the address.
  const places = shared('landmark', a.landmarks ?? [], b.landmarks ?? []).filter(
    (l) => !exact.includes(`address ${l.slice('landmark '.length)}`),
  );
  const people = shared('person', a.people ?? [], b.people ?? []);
  // A street is named only when nothing shared already holds it ('address 45 khanh hoi').
  const held = ` ${[...exact, ...places].join(' ')} `;
  const streets = shared('street', a.streets ?? [], b.streets ?? []).filter(
    (s) => !held.includes(` ${s.slice('street '.length)} `),
  );
  return [...exact, ...places, ...people, ...streets];
}

// '123/4 hoang dieu' and 'hem 123 hoang dieu' are the same alley; only that base is compared, so
// that reports placing one event a few doors apart do not count as disagreeing.
function addressBase(key: string): string | null {
  const m = /^(?:hem )?(\d{1,4})[a-g]?(?:\/\S+)? (.+)$/.exec(key);
  return m ? `${m[1]} ${m[2]}` : null;
}

// The kind of a landmark key: 'cho xom chieu' → 'cho', 'giao lo a b' → 'giao lo'.
const LANDMARK_KINDS = unique([...PLACE_KINDS.map(([, k]) => k), 'giao lo', 'hem']).sort(
  (a, b) => b.length - a.length,
);

function landmarkKind(key: string): { kind: string; name: string[] } | null {
  const kind = LANDMARK_KINDS.find((k) => key.startsWith(`${k} `));
  return kind ? { kind, name: key.slice(kind.length + 1).split(' ') } : null;
}

// Two names of one kind are the same place when one holds every word of the other
// ('chung cu h3' and 'chung cu h3 hoang dieu', 'truong nguyen trai' however the school is called).
function samePlace(x: string[], y: string[]): boolean {
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.every((w) => long.includes(w));
}

function landmarksDisagree(a: ExtractedEntities, b: ExtractedEntities): boolean {
  const xs = (a.landmarks ?? []).map(landmarkKind).filter((x) => x !== null);
  const ys = (b.landmarks ?? []).map(landmarkKind).filter((y) => y !== null);
  let commonKind = false;
  for (const x of xs) {
    for (const y of ys) {
      if (x.kind !== y.kind) continue;
      if (samePlace(x.name, y.name)) return false;
      commonKind = true;
    }
  }
  return commonKind;
}

/**
 * True when the tips place their events at different places: both give a house or alley
 * address and no two of them are in the same alley or house, or both name a place of one kind
 * (two schools, two churches, two crossings) and no named place of theirs is the same. Verbatim
 * address fields that could not be parsed are not compared.
 */
export function addressesDisagree(a: ExtractedEntities, b: ExtractedEntities): boolean {
  const bases = (e: ExtractedEntities) =>
    e.addresses.map(addressBase).filter((x): x is string => x !== null);
  const x = bases(a);
  const y = new Set(bases(b));
  if (x.length > 0 && y.size > 0 && !x.some((v) => y.has(v))) return true;
  return landmarksDisagree(a, b);
}

/**
 * The (kind, value) rows of tip_entity_values for a tip's entities: every kind worth finding
 * other tips by, in one place, so that a new kind is stored and searched without touching the
 * callers. Streets are left out: one names thousands of tips, so they are only compared between
 * two tips already at hand (the duplicate rules), never looked up by value.
 */
export function entityValueRows(e: ExtractedEntities): { kinds: string[]; values: string[] } {
  const kinds: string[] = [];
  const values: string[] = [];
  const add = (kind: string, xs: readonly string[] | undefined) => {
    for (const x of xs ?? []) {
      kinds.push(kind);
      values.push(x);
    }
  };
  add('phone', e.phones);
  add('plate', e.plates);
  add('address', e.addresses);
  add('landmark', e.landmarks);
  add('person', e.people);
  return { kinds, values };
}
