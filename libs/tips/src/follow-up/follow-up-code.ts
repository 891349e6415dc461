import { createHmac, randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Not secret: finds the one tip whose hash is checked, so a check never scans tips. */
export const LOOKUP_CHARS = 8;
/** Secret: 16 × 5 = 80 bits, stored only as an argon2id hash. */
export const SECRET_CHARS = 16;
const CODE_CHARS = LOOKUP_CHARS + SECRET_CHARS;

export interface FollowUpCode {
  /** What the tipster is shown once, grouped for reading: XXXX-XXXX-… (24 characters, 120 bits). */
  display: string;
  lookup: string;
  secret: string;
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
  const lookup = chars.slice(0, LOOKUP_CHARS);
  const secret = chars.slice(LOOKUP_CHARS, CODE_CHARS);
  return { display: chars.slice(0, CODE_CHARS).match(/.{4}/g)!.join('-'), lookup, secret };
}

export function newFollowUpCode(): FollowUpCode {
  return fromChars(randomCrockford(CODE_CHARS));
}

/**
 * The code of a tip taken by an operator, derived from the tip's id under the server's secret
 * key: a resent request (same Idempotency-Key) gets the same code back, yet only the hash is
 * stored and nobody without the key can compute it.
 */
export function derivedFollowUpCode(key: string | Buffer, tipId: string): FollowUpCode {
  const mac = createHmac('sha256', key).update(`tiptrace/follow-up-code/${tipId}`).digest();
  return fromChars(toCrockford(mac.subarray(0, CODE_CHARS)));
}

/**
 * Reads a code as a person may type it: any case, with or without dashes and spaces, and the
 * Crockford look-alikes (I, L → 1; O → 0). Null when it cannot be a code at all.
 */
export function parseFollowUpCode(
  raw: string | undefined,
): { lookup: string; secret: string } | null {
  if (typeof raw !== 'string' || raw.length > 64) return null;
  const text = raw.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (text.length !== CODE_CHARS || [...text].some((c) => !CROCKFORD.includes(c))) return null;
  return { lookup: text.slice(0, LOOKUP_CHARS), secret: text.slice(LOOKUP_CHARS) };
}
