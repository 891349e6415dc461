import { randomBytes } from 'node:crypto';
import { tipsterConfig } from '@app/config';
import { TipsterCipher } from './tipster.cipher';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');

describe('TipsterCipher', () => {
  it('seals under the current key id and opens values sealed under an old key', () => {
    const before = new TipsterCipher(tipsterConfig.load({ TIPSTER_KEY: k1, TIPSTER_KEY_ID: 'k1' }));
    const sealed = before.seal({ name: 'Trần Văn A', phone: '0901234567' });
    expect(sealed.keyId).toBe('k1');
    expect(sealed.cipher.toString('latin1')).not.toContain('0901234567');
    const after = new TipsterCipher(
      tipsterConfig.load({ TIPSTER_KEY: k2, TIPSTER_KEY_ID: 'k2', TIPSTER_OLD_KEYS: `k1:${k1}` }),
    );
    expect(after.open(sealed)).toEqual({ name: 'Trần Văn A', phone: '0901234567' });
    expect(after.seal({ name: 'x' }).keyId).toBe('k2');
  });

  it('refuses a key that is not loaded and a tampered value', () => {
    const a = new TipsterCipher(tipsterConfig.load({ TIPSTER_KEY: k1, TIPSTER_KEY_ID: 'k1' }));
    const b = new TipsterCipher(tipsterConfig.load({ TIPSTER_KEY: k2, TIPSTER_KEY_ID: 'k2' }));
    const sealed = a.seal({ email: 'a@example.vn' });
    expect(() => b.open(sealed)).toThrow('tipster key k1 is not loaded');
    const tampered = Buffer.from(sealed.cipher);
    tampered[tampered.length - 1] ^= 1;
    expect(() => a.open({ cipher: tampered, keyId: 'k1' })).toThrow();
  });
});
