import { authConfig } from './auth.config';
import { ConfigError } from './env';

const PROD = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-secret-of-some-length',
  ADMIN_USERNAME: 'chief',
  ADMIN_PASSWORD: 'a-long-admin-password',
};

describe('authConfig: first admin and auth settings', () => {
  it('has working dev defaults, empty meaning unset', () => {
    const c = authConfig.load({ ADMIN_USERNAME: '', ADMIN_PASSWORD: '' });
    expect(c.admin).toEqual({ username: 'admin', password: 'tiptrace-dev-admin' });
    expect(c.userCacheMs).toBe(30_000);
  });

  it('requires two-factor login of supervisors and admins in production only', () => {
    expect(authConfig.load({}).mfaRequiredRoles).toEqual([]);
    expect(authConfig.load(PROD).mfaRequiredRoles).toEqual(['supervisor', 'admin']);
  });

  it('accepts set admin credentials in production', () => {
    expect(authConfig.load(PROD).admin).toEqual({
      username: 'chief',
      password: 'a-long-admin-password',
    });
  });

  it.each([
    ['default username', { ADMIN_USERNAME: 'admin' }, 'ADMIN_USERNAME must be set'],
    ['empty username', { ADMIN_USERNAME: '' }, 'ADMIN_USERNAME must be set'],
    ['default password', { ADMIN_PASSWORD: 'tiptrace-dev-admin' }, 'ADMIN_PASSWORD must be set'],
    ['empty password', { ADMIN_PASSWORD: '' }, 'ADMIN_PASSWORD must be set'],
    ['missing JWT secret', { JWT_SECRET: undefined }, 'JWT_SECRET must be set in production'],
  ])('refuses the %s in production', (_n, o, message) => {
    expect(() => authConfig.load({ ...PROD, ...o })).toThrow(ConfigError);
    expect(() => authConfig.load({ ...PROD, ...o })).toThrow(message);
  });

  it('refuses a malformed admin username, a short password and a cache over 30 s', () => {
    expect(() => authConfig.load({ ADMIN_USERNAME: 'Bad Name' })).toThrow(ConfigError);
    expect(() => authConfig.load({ ADMIN_PASSWORD: 'short' })).toThrow(ConfigError);
    expect(() => authConfig.load({ JWT_SECRET: 'short' })).toThrow(/at least 16/);
    expect(() => authConfig.load({ AUTH_USER_CACHE_MS: '60000' })).toThrow(ConfigError);
    expect(authConfig.load({ AUTH_USER_CACHE_MS: '500' }).userCacheMs).toBe(500);
  });
});
