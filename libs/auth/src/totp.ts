import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as the contract fixes it: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;
const ISSUER = 'TipTrace';

function totp(secret: Buffer, label = 'account'): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromHex(secret.toString('hex')),
  });
}

/** 160 random bits, the size RFC 4226 recommends for SHA-1. */
export function newTotpSecret(): Buffer {
  return randomBytes(20);
}

export function base32Of(secret: Buffer): string {
  return Secret.fromHex(secret.toString('hex')).base32;
}

/** The `otpauth://totp/...` URI an authenticator app reads (from a QR code). */
export function otpauthUri(secret: Buffer, username: string): string {
  return totp(secret, username).toString();
}

/**
 * The time-step `code` belongs to, if it is the code of the current step or of the one before
 * or after (clock drift); null otherwise. Callers refuse a step at or before the last one used.
 */
export function totpStep(secret: Buffer, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  return Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta;
}
