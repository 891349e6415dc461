import { Secret, TOTP } from 'otpauth';
import { base32Of, newTotpSecret, otpauthUri, totpStep } from './totp';

// RFC 6238 appendix B: the SHA-1 key, and its 8-digit codes whose last 6 digits are ours.
const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');

describe('totp', () => {
  it('matches the RFC 6238 test vectors (SHA-1, last 6 of the 8 digits)', () => {
    for (const [seconds, code] of [
      [59, '287082'],
      [1111111109, '081804'],
      [1234567890, '005924'],
      [2000000000, '279037'],
    ] as const) {
      expect(totpStep(RFC_KEY, code, seconds * 1000)).toBe(Math.floor(seconds / 30));
    }
  });

  it('accepts the step before and after for clock drift, nothing further', () => {
    const secret = newTotpSecret();
    const t = new TOTP({ secret: Secret.fromBase32(base32Of(secret)) });
    const now = 1_800_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(totpStep(secret, t.generate({ timestamp: now }), now)).toBe(step);
    expect(totpStep(secret, t.generate({ timestamp: now - 30_000 }), now)).toBe(step - 1);
    expect(totpStep(secret, t.generate({ timestamp: now + 30_000 }), now)).toBe(step + 1);
    expect(totpStep(secret, t.generate({ timestamp: now - 90_000 }), now)).toBeNull();
    expect(totpStep(secret, 'abcdef', now)).toBeNull();
    expect(totpStep(secret, '1234567', now)).toBeNull();
  });

  it('writes an otpauth URI an authenticator app reads', () => {
    const secret = newTotpSecret();
    expect(secret).toHaveLength(20);
    const uri = new URL(otpauthUri(secret, 'lan.nguyen'));
    expect(uri.protocol).toBe('otpauth:');
    expect(decodeURIComponent(uri.pathname)).toBe('/TipTrace:lan.nguyen');
    expect(uri.searchParams.get('secret')).toBe(base32Of(secret));
    expect(uri.searchParams.get('issuer')).toBe('TipTrace');
  });
});
