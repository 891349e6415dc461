import { ConfigError, loadConfig, trustProxy } from './app-config';

const PROD = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-secret-of-some-length',
  TIPSTER_KEY: Buffer.alloc(32, 7).toString('base64'),
  ADMIN_USERNAME: 'chief',
  ADMIN_PASSWORD: 'a-long-admin-password',
};

describe('loadConfig: first admin and auth settings', () => {
  it('has working dev defaults, empty meaning unset', () => {
    const c = loadConfig({ ADMIN_USERNAME: '', ADMIN_PASSWORD: '' });
    expect(c.security.admin).toEqual({ username: 'admin', password: 'tiptrace-dev-admin' });
    expect(c.security.userCacheMs).toBe(30_000);
  });

  it('accepts set admin credentials in production', () => {
    expect(loadConfig(PROD).security.admin).toEqual({
      username: 'chief',
      password: 'a-long-admin-password',
    });
  });

  it.each([
    ['default username', { ADMIN_USERNAME: 'admin' }],
    ['empty username', { ADMIN_USERNAME: '' }],
    ['default password', { ADMIN_PASSWORD: 'tiptrace-dev-admin' }],
    ['empty password', { ADMIN_PASSWORD: '' }],
  ])('refuses the %s in production', (_n, o) => {
    expect(() => loadConfig({ ...PROD, ...o })).toThrow(ConfigError);
  });

  it('refuses a malformed admin username, a short password and a cache over 30 s', () => {
    expect(() => loadConfig({ ADMIN_USERNAME: 'Bad Name' })).toThrow(ConfigError);
    expect(() => loadConfig({ ADMIN_PASSWORD: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ AUTH_USER_CACHE_MS: '60000' })).toThrow(ConfigError);
    expect(loadConfig({ AUTH_USER_CACHE_MS: '500' }).security.userCacheMs).toBe(500);
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default', () => {
    expect(loadConfig({}).security.trustProxy).toBe(false);
    expect(trustProxy('')).toBe(false);
    expect(trustProxy('false')).toBe(false);
  });

  it('takes a hop count or a list of addresses, ranges and named ranges', () => {
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy('loopback, 10.0.0.0/8,fd00::/8, 192.168.1.7')).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.168.1.7',
    ]);
  });

  it.each(['0', '11', 'true', 'proxy.local', '10.0.0.0/33', '10.0.0.1/8/1', 'fd00::/129', '1.2.3'])(
    'refuses %s at start',
    (raw) => {
      expect(() => trustProxy(raw)).toThrow(ConfigError);
    },
  );
});
