import { httpConfig, trustProxy } from './http.config';
import { ConfigError } from './env';

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default', () => {
    expect(httpConfig.load({}).trustProxy).toBe(false);
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

describe('CORS_ORIGINS and PORT', () => {
  it('takes origins only', () => {
    expect(() => httpConfig.load({ CORS_ORIGINS: 'https://ok.example/path' })).toThrow(
      /CORS_ORIGINS/,
    );
    expect(
      httpConfig.load({ CORS_ORIGINS: 'https://a.example, http://b.example:8080' }).corsOrigins,
    ).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(httpConfig.load({}).corsOrigins).toEqual([]);
  });

  it('defaults to port 3000 and refuses a port out of range', () => {
    expect(httpConfig.load({}).port).toBe(3000);
    expect(() => httpConfig.load({ PORT: '70000' })).toThrow(
      'PORT must be an integer between 0 and 65535',
    );
  });
});
