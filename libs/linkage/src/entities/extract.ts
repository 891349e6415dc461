export interface ExtractedEntities {
  /** Digits only, leading 0: '0901234567', '02838123456'. */
  phones: string[];
  /** Upper case, no separators: '59X123456', '51F12345'. */
  plates: string[];
  /** Folded, '<number> <street>': '45 khanh hoi', '123/4 hoang dieu', 'hem 12 ton dan'. */
  addresses: string[];
}

// Same folding as triage's normalizeText, except that '/' survives: '123/4' and '123 4' are
// different houses. Kept local so linkage does not depend on the triage lib.
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

/** Phones, plates and addresses found in a tip, normalized and deduplicated, in order of appearance. */
export function extractEntities(text: string, address?: string | null): ExtractedEntities {
  const t = text.normalize('NFC');
  return {
    phones: unique(extractPhones(t)),
    plates: unique(extractPlates(t)),
    addresses: unique([...(address ? addressFieldKeys(address) : []), ...extractAddresses(t)]),
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
  return [
    ...shared('phone', a.phones, b.phones),
    ...shared('plate', a.plates, b.plates),
    ...shared('address', a.addresses, b.addresses),
  ];
}

// '123/4 hoang dieu' and 'hem 123 hoang dieu' are the same alley; only that base is compared, so
// that reports placing one event a few doors apart do not count as disagreeing.
function addressBase(key: string): string | null {
  const m = /^(?:hem )?(\d{1,4})[a-g]?(?:\/\S+)? (.+)$/.exec(key);
  return m ? `${m[1]} ${m[2]}` : null;
}

/**
 * True when both tips give a house or alley address and no two of them are in the same alley or
 * house: the tips place their events at different places. Verbatim address fields that could not
 * be parsed are not compared.
 */
export function addressesDisagree(a: ExtractedEntities, b: ExtractedEntities): boolean {
  const bases = (e: ExtractedEntities) =>
    e.addresses.map(addressBase).filter((x): x is string => x !== null);
  const x = bases(a);
  const y = new Set(bases(b));
  return x.length > 0 && y.size > 0 && !x.some((v) => y.has(v));
}

/**
 * The (kind, value) rows of tip_entity_values for a tip's entities: every kind the extractor
 * finds, in one place, so that a new kind is stored and searched without touching the callers.
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
  return { kinds, values };
}
