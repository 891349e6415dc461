import { randomBytes } from 'node:crypto';
import type { TipsterConfig } from '@app/config';
import { MfaSecretCipher } from './mfa-secret.cipher';

const K1 = randomBytes(32);
const K2 = randomBytes(32);
const config = (key: Buffer, keyId: string, old: [string, Buffer][] = []): TipsterConfig => ({
  key,
  keyId,
  oldKeys: new Map(old),
});

describe('MfaSecretCipher', () => {
  it('seals and opens a secret for its user only, never holding it in clear', () => {
    const cipher = new MfaSecretCipher(config(K1, 'k1'));
    const secret = randomBytes(20);
    const sealed = cipher.seal('user-a', secret);
    expect(sealed.keyId).toBe('k1');
    expect(sealed.cipher.includes(secret)).toBe(false);
    expect(cipher.open('user-a', sealed)).toEqual(secret);
    expect(() => cipher.open('user-b', sealed)).toThrow();
  });

  it('opens secrets sealed under an old key (TIPSTER_OLD_KEYS) and seals under the new one', () => {
    const secret = randomBytes(20);
    const sealed = new MfaSecretCipher(config(K1, 'k1')).seal('u', secret);
    const rotated = new MfaSecretCipher(config(K2, 'k2', [['k1', K1]]));
    expect(rotated.open('u', sealed)).toEqual(secret);
    expect(rotated.seal('u', secret).keyId).toBe('k2');
    expect(() => new MfaSecretCipher(config(K2, 'k2')).open('u', sealed)).toThrow(/not loaded/);
  });
});
