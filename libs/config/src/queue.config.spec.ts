import { ConfigError } from './env';
import { queueConfig, readSentinel } from './queue.config';

describe('REDIS_SENTINELS', () => {
  it('is off by default: REDIS_URL is the server', () => {
    const q = queueConfig.load({});
    expect(q.sentinel).toBeNull();
    expect(q.redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('reads the sentinels, the master name and the sentinels password', () => {
    expect(
      readSentinel({
        REDIS_SENTINELS: ' redis-s1:26379, 10.0.0.7:26380,[fd00::1]:26381 ',
        REDIS_SENTINEL_NAME: 'tiptrace',
        REDIS_SENTINEL_PASSWORD: 's3cret',
      }),
    ).toEqual({
      sentinels: [
        { host: 'redis-s1', port: 26379 },
        { host: '10.0.0.7', port: 26380 },
        { host: 'fd00::1', port: 26381 },
      ],
      name: 'tiptrace',
      password: 's3cret',
    });
    expect(
      queueConfig.load({ REDIS_SENTINELS: 's1:26379', REDIS_SENTINEL_NAME: 'm' }).sentinel,
    ).toEqual({ sentinels: [{ host: 's1', port: 26379 }], name: 'm' });
  });

  it.each([
    ['s1', 'm'],
    ['s1:0', 'm'],
    ['s1:65536', 'm'],
    ['s1:26379,', 'm'],
    ['s1:26379,s1:26379', 'm'],
    ['redis://s1:26379', 'm'],
    ['s1:26379', ''],
    ['s1:26379', 'bad name'],
  ])('refuses REDIS_SENTINELS=%j with REDIS_SENTINEL_NAME=%j at start', (sentinels, name) => {
    expect(() =>
      queueConfig.load({ REDIS_SENTINELS: sentinels, REDIS_SENTINEL_NAME: name }),
    ).toThrow(ConfigError);
  });

  it('refuses a master name without sentinels (a half-done setting)', () => {
    expect(() => queueConfig.load({ REDIS_SENTINEL_NAME: 'm' })).toThrow(/REDIS_SENTINELS/);
  });
});
