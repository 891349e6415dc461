import { createHmac, randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Not secret: finds the one tip whose hash is checked, so a check never scans tips. */
export const LOOKUP_CHARS = 8;
/** Secret: 16 × 5 = 80 bits, stored only as an argon2id hash. */
export const SECRET_CHARS = 16;
const DATA_CHARS = LOOKUP_CHARS + SECRET_CHARS;
/** The code as shown: the data characters and one check character. */
const CODE_CHARS = DATA_CHARS + 1;
/** Characters per group as shown: 25 characters read out as five groups of five. */
const GROUP = 5;

export interface FollowUpCode {
  /**
   * What the tipster is shown once, grouped for reading aloud: XXXXX-XXXXX-XXXXX-XXXXX-XXXXX
   * (24 characters, 120 bits, then a check character).
   */
  display: string;
  lookup: string;
  secret: string;
}

/**
 * GF(32) (x⁵ + x² + 1) products, for the check character. The check is Σ αⁱ⁺¹·cᵢ over the 24
 * data characters: every weight is a distinct non-zero element, so any one character typed
 * wrong, and any two characters swapped (next to each other or not, the check included), changes
 * the sum. A check in the alphabet itself keeps the code readable out loud (no `*~$=U`).
 */
function gfMul(a: number, b: number): number {
  let product = 0;
  for (let x = a, y = b; y > 0; y >>= 1) {
    if (y & 1) product ^= x;
    x <<= 1;
    if (x & 32) x ^= 0b100101;
  }
  return product;
}

function checkValue(data: string): number {
  let sum = 0;
  let weight = 1;
  for (const c of data) {
    weight = gfMul(weight, 2);
    sum ^= gfMul(weight, CROCKFORD.indexOf(c));
  }
  return sum;
}

/** The check character of 24 data characters (Crockford, upper case). */
export function followUpCheckChar(data: string): string {
  return CROCKFORD[checkValue(data)];
}

function randomCrockford(length: number): string {
  // 256 is a multiple of 32, so `b & 31` is uniform.
  return toCrockford(randomBytes(length));
}

function toCrockford(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += CROCKFORD[b & 31];
  return out;
}

function fromChars(chars: string): FollowUpCode {
  const data = chars.slice(0, DATA_CHARS);
  const shown = data + followUpCheckChar(data);
  return {
    display: shown.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-'),
    lookup: data.slice(0, LOOKUP_CHARS),
    secret: data.slice(LOOKUP_CHARS),
  };
}

export function newFollowUpCode(): FollowUpCode {
  return fromChars(randomCrockford(DATA_CHARS));
}

/**
 * The code of a tip taken by an operator, derived from the tip's id under the server's secret
 * key: a resent request (same Idempotency-Key) gets the same code back, yet only the hash is
 * stored and nobody without the key can compute it.
 */
export function derivedFollowUpCode(key: string | Buffer, tipId: string): FollowUpCode {
  const mac = createHmac('sha256', key).update(`tiptrace/follow-up-code/${tipId}`).digest();
  return fromChars(toCrockford(mac.subarray(0, DATA_CHARS)));
}

/**
 * A code as a person may type it, in canonical form: upper case, without dashes or spaces, the
 * Crockford look-alikes read as digits (I, L → 1; O → 0). Null when it cannot be a code at all:
 * other characters, another length, or (25 characters) a check character that does not match.
 * Codes given before the check character existed have 24 characters and are read as they are;
 * the hash at rest was always of the 16 secret characters in this canonical form.
 */
export function normaliseFollowUpCode(raw: string | undefined): string | null {
  if (typeof raw !== 'string' || raw.length > 64) return null;
  const text = raw.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if ([...text].some((c) => !CROCKFORD.includes(c))) return null;
  if (text.length === DATA_CHARS) return text;
  if (text.length !== CODE_CHARS) return null;
  const data = text.slice(0, DATA_CHARS);
  return followUpCheckChar(data) === text[DATA_CHARS] ? data : null;
}

/** The lookup id and secret of a typed code, or null (see `normaliseFollowUpCode`). */
export function parseFollowUpCode(
  raw: string | undefined,
): { lookup: string; secret: string } | null {
  const data = normaliseFollowUpCode(raw);
  if (data === null) return null;
  return { lookup: data.slice(0, LOOKUP_CHARS), secret: data.slice(LOOKUP_CHARS) };
}
