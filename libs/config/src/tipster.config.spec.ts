import { randomBytes } from 'node:crypto';
import { tipsterConfig } from './tipster.config';

const k1 = randomBytes(32).toString('base64');

describe('tipsterConfig', () => {
  it('has a development key and refuses it in production', () => {
    expect(tipsterConfig.load({}).key).toHaveLength(32);
    expect(() => tipsterConfig.load({ NODE_ENV: 'production' })).toThrow(
      'TIPSTER_KEY must be set in production',
    );
    expect(tipsterConfig.load({ NODE_ENV: 'production', TIPSTER_KEY: k1 }).keyId).toBe('k1');
  });

  it('refuses a key that is not 32 bytes, a bad key id and malformed TIPSTER_OLD_KEYS', () => {
    expect(() => tipsterConfig.load({ TIPSTER_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(() => tipsterConfig.load({ TIPSTER_KEY_ID: 'a b' })).toThrow(/TIPSTER_KEY_ID/);
    expect(() => tipsterConfig.load({ TIPSTER_OLD_KEYS: 'k0:short' })).toThrow(/TIPSTER_OLD_KEYS/);
    expect(() => tipsterConfig.load({ TIPSTER_OLD_KEYS: `k1:${k1}` })).toThrow(/must not repeat/);
    expect(tipsterConfig.load({ TIPSTER_OLD_KEYS: `k0:${k1}` }).oldKeys.get('k0')).toEqual(
      Buffer.from(k1, 'base64'),
    );
  });
});
