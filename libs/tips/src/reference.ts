import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A short reference a person can read out on the phone, e.g. TT-26-7KQ3M9XA: the year, then 40
 * random bits. References are unique (a constraint); two tips of one year draw the same one with
 * a probability of about n² ÷ 2⁴¹ (a third at a million tips a year), so a tip whose reference is
 * taken is inserted again with a new one (`withNewReference`), never failed.
 */
export function newReference(at: Date = new Date()): string {
  const bytes = randomBytes(8);
  let code = '';
  for (const b of bytes) code += CROCKFORD[b & 31];
  return `TT-${String(at.getUTCFullYear()).slice(2)}-${code}`;
}

/** How many times a tip whose reference was taken is inserted again, each with a new one. */
export const REFERENCE_ATTEMPTS = 5;

/** The row with a new reference of its year (its received time, or now when it is not set). */
export function withNewReference<R extends { reference: string; receivedAt: string | null }>(
  row: R,
): R {
  row.reference = newReference(row.receivedAt ? new Date(row.receivedAt) : new Date());
  return row;
}
