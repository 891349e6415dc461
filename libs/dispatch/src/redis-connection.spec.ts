import Redis from 'ioredis';
import { queueConfig } from '@app/config';
import { bullConnection, createRedis, reconnectOnReadonly, redisOptions } from './redis-connection';

const direct = (url: string) => queueConfig.load({ REDIS_URL: url });
const viaSentinel = (env: NodeJS.ProcessEnv = {}) =>
  queueConfig.load({
    REDIS_URL: 'redis://app:p%40ss@ignored:6379/2',
    REDIS_SENTINELS: '10.0.0.1:26379,10.0.0.2:26379,10.0.0.3:26379',
    REDIS_SENTINEL_NAME: 'tiptrace',
    ...env,
  });

describe('redisOptions', () => {
  it('connects to REDIS_URL when no sentinels are set', () => {
    expect(redisOptions(direct('redis://127.0.0.1:6400'))).toEqual({
      host: '127.0.0.1',
      port: 6400,
      db: 0,
      username: undefined,
      password: undefined,
    });
    expect(redisOptions(direct('rediss://u:p%3Aw@[::1]/3'))).toEqual({
      host: '::1',
      port: 6379,
      db: 3,
      username: 'u',
      password: 'p:w',
      tls: {},
    });
  });

  it('asks the sentinels for the master, with the user, password and db of REDIS_URL', () => {
    const o = redisOptions(viaSentinel());
    expect(o).toMatchObject({
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26379 },
        { host: '10.0.0.3', port: 26379 },
      ],
      name: 'tiptrace',
      role: 'master',
      username: 'app',
      password: 'p@ss',
      db: 2,
    });
    expect(o.host).toBeUndefined();
    expect(o.port).toBeUndefined();
    expect(o.sentinelPassword).toBeUndefined();
    expect(o.failoverDetector).toBeUndefined();
    expect(o.reconnectOnError).toBe(reconnectOnReadonly);
    expect(redisOptions(viaSentinel({ REDIS_SENTINEL_PASSWORD: 'sp' })).sentinelPassword).toBe(
      'sp',
    );
  });

  it('reconnects (and resends) on READONLY only: a demoted master, after a failover', () => {
    expect(
      reconnectOnReadonly(new Error("READONLY You can't write against a read only replica.")),
    ).toBe(2);
    expect(reconnectOnReadonly(new Error('ERR wrong number of arguments'))).toBe(false);
    expect(redisOptions(direct('redis://127.0.0.1:6379')).reconnectOnError).toBeUndefined();
  });

  it("keeps the caller's options on top (key prefix, retries, offline queue)", () => {
    const o = redisOptions(viaSentinel(), {
      keyPrefix: 'tt:ratelimit:',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    expect(o).toMatchObject({
      keyPrefix: 'tt:ratelimit:',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      name: 'tiptrace',
    });
  });

  it("gives BullMQ unlimited retries per command (its workers' requirement), in both modes", () => {
    expect(bullConnection(viaSentinel())).toMatchObject({
      maxRetriesPerRequest: null,
      role: 'master',
    });
    expect(bullConnection(direct('redis://127.0.0.1:6400'))).toMatchObject({
      maxRetriesPerRequest: null,
      port: 6400,
    });
  });

  it('makes an ioredis client in sentinel mode (no connection until asked)', () => {
    const c: Redis = createRedis(viaSentinel(), { lazyConnect: true });
    try {
      expect(c.status).toBe('wait');
      expect(c.options.sentinels).toHaveLength(3);
      expect(c.options.name).toBe('tiptrace');
    } finally {
      c.disconnect();
    }
  });
});
