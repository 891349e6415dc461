import { ALL_CONFIG, loadConfig } from './app-config';
import { authConfig } from './auth.config';
import { ConfigConcern } from './config-concern';
import { databaseConfig } from './database.config';
import { ConfigError } from './env';
import { queueConfig } from './queue.config';
import { rateLimitsConfig } from './rate-limits.config';
import { tipsterConfig } from './tipster.config';

const PROD_SECRETS = {
  JWT_SECRET: 'a-production-secret-of-some-length',
  TIPSTER_KEY: Buffer.alloc(32, 7).toString('base64'),
  ADMIN_USERNAME: 'chief',
  ADMIN_PASSWORD: 'a-long-admin-password',
};

describe('configuration per concern', () => {
  it('gives every concern a working local default', () => {
    for (const c of ALL_CONFIG) expect(() => c.load({})).not.toThrow();
    const all = loadConfig({});
    expect(all.database).toEqual({
      url: 'postgres://postgres@127.0.0.1:5432/tiptrace',
      poolSize: 10,
      readUrl: null,
      readMaxLagMs: 1000,
    });
    expect(all.queue.prefix).toBe('tiptrace');
  });

  it('asks for secrets in production only in the concerns that hold them', () => {
    const refusing = (c: ConfigConcern<unknown>) => {
      try {
        c.load({ NODE_ENV: 'production' });
        return false;
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return true;
      }
    };
    expect(ALL_CONFIG.filter(refusing).map((c) => c.name)).toEqual([
      authConfig.name,
      tipsterConfig.name,
    ]);
    expect(() => loadConfig({ NODE_ENV: 'production', ...PROD_SECRETS })).not.toThrow();
  });

  it('gives each concern its own token', () => {
    expect(new Set(ALL_CONFIG.map((c) => c.KEY)).size).toBe(ALL_CONFIG.length);
    expect(new Set(ALL_CONFIG.map((c) => c.name)).size).toBe(ALL_CONFIG.length);
  });

  it('reads reports from a standby only when DATABASE_READ_URL names one', () => {
    const read = databaseConfig.load({
      DATABASE_READ_URL: 'postgres://reports@standby:5433/tiptrace',
      DATABASE_READ_MAX_LAG_MS: '500',
    });
    expect(read).toMatchObject({
      readUrl: 'postgres://reports@standby:5433/tiptrace',
      readMaxLagMs: 500,
    });
    expect(() => databaseConfig.load({ DATABASE_READ_URL: 'redis://x:6379' })).toThrow(
      'DATABASE_READ_URL must use postgres: or postgresql:',
    );
    expect(() => databaseConfig.load({ DATABASE_READ_MAX_LAG_MS: '9000' })).toThrow(
      /DATABASE_READ_MAX_LAG_MS/,
    );
  });

  it('names the variable it refuses', () => {
    expect(() => databaseConfig.load({ DATABASE_URL: 'mysql://x/y' })).toThrow(
      'DATABASE_URL must use postgres: or postgresql:',
    );
    expect(() => queueConfig.load({ QUEUE_PREFIX: 'a b' })).toThrow(
      'QUEUE_PREFIX may hold letters, digits, _ . - (1-64 characters)',
    );
    expect(() => rateLimitsConfig.load({ RATE_LIMIT_LOGIN_PER_MIN: '5' })).toThrow(
      /RATE_LIMIT_LOGIN_PER_MIN/,
    );
  });
});
