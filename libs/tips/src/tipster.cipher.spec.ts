import { randomBytes } from 'node:crypto';
import { loadConfig } from '@app/config';
import { TipsterCipher } from './tipster.cipher';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');

describe('TipsterCipher', () => {
  it('seals under the current key id and opens values sealed under an old key', () => {
    const before = new TipsterCipher(loadConfig({ TIPSTER_KEY: k1, TIPSTER_KEY_ID: 'k1' }));
    const sealed = before.seal({ name: 'Trần Văn A', phone: '0901234567' });
    expect(sealed.keyId).toBe('k1');
    expect(sealed.cipher.toString('latin1')).not.toContain('0901234567');
    const after = new TipsterCipher(
      loadConfig({ TIPSTER_KEY: k2, TIPSTER_KEY_ID: 'k2', TIPSTER_OLD_KEYS: `k1:${k1}` }),
    );
    expect(after.open(sealed)).toEqual({ name: 'Trần Văn A', phone: '0901234567' });
    expect(after.seal({ name: 'x' }).keyId).toBe('k2');
  });

  it('refuses a key that is not loaded and a tampered value', () => {
    const a = new TipsterCipher(loadConfig({ TIPSTER_KEY: k1, TIPSTER_KEY_ID: 'k1' }));
    const b = new TipsterCipher(loadConfig({ TIPSTER_KEY: k2, TIPSTER_KEY_ID: 'k2' }));
    const sealed = a.seal({ email: 'a@example.vn' });
    expect(() => b.open(sealed)).toThrow('tipster key k1 is not loaded');
    const tampered = Buffer.from(sealed.cipher);
    tampered[tampered.length - 1] ^= 1;
    expect(() => a.open({ cipher: tampered, keyId: 'k1' })).toThrow();
  });

  it('rejects malformed TIPSTER_OLD_KEYS and CORS_ORIGINS at boot', () => {
    expect(() => loadConfig({ TIPSTER_OLD_KEYS: 'k0:short' })).toThrow(/TIPSTER_OLD_KEYS/);
    expect(() => loadConfig({ TIPSTER_OLD_KEYS: `k1:${k1}` })).toThrow(/must not repeat/);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://ok.example/path' })).toThrow(/CORS_ORIGINS/);
    expect(
      loadConfig({ CORS_ORIGINS: 'https://a.example, http://b.example:8080' }).security.corsOrigins,
    ).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(() => loadConfig({ RATE_LIMIT_LOGIN_PER_MIN: '5' })).toThrow(/RATE_LIMIT_LOGIN_PER_MIN/);
  });
});
