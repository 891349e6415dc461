import { isIP } from 'node:net';
import { configConcern } from './config-concern';
import { ConfigError, readInt } from './env';

export interface HttpConfig {
  port: number;
  bodyLimit: string;
  /** Browser origins allowed by CORS (CORS_ORIGINS, comma-separated); none by default. */
  corsOrigins: string[];
  /**
   * Which reverse proxies may name the client in X-Forwarded-For (TRUST_PROXY): false (none, the
   * default), a hop count, or addresses/CIDR ranges (and loopback, linklocal, uniquelocal).
   */
  trustProxy: false | number | string[];
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY as Fastify (proxy-addr) takes it; anything it would misread is refused at start. */
export function trustProxy(raw: string | undefined): false | number | string[] {
  const text = (raw ?? '').trim();
  if (text === '' || text === 'false') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > 10) throw new ConfigError('TRUST_PROXY as a hop count must be 1 to 10');
    return hops;
  }
  const list = text.split(',').map((p) => p.trim());
  for (const entry of list) {
    const [addr, bits, extra] = entry.split('/');
    const family = isIP(addr ?? '');
    const okBits =
      bits === undefined ||
      (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32) && extra === undefined);
    if (!(PROXY_NAMES.includes(entry) || (family !== 0 && okBits))) {
      throw new ConfigError(
        `TRUST_PROXY: ${entry} is not an address, a CIDR range, loopback, linklocal or uniquelocal`,
      );
    }
  }
  return list;
}

function origins(raw: string | undefined): string[] {
  const list = (raw ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const o of list) {
    let u: URL;
    try {
      u = new URL(o);
    } catch {
      throw new ConfigError('CORS_ORIGINS must be a comma-separated list of origins');
    }
    if (u.origin !== o)
      throw new ConfigError(`CORS_ORIGINS: ${o} is not an origin (scheme://host[:port])`);
  }
  return list;
}

/** The API's HTTP surface. */
export const httpConfig = configConcern('http', (env): HttpConfig => ({
  port: readInt(env, 'PORT', 3000, 0, 65535),
  bodyLimit: '64kb',
  corsOrigins: origins(env.CORS_ORIGINS),
  trustProxy: trustProxy(env.TRUST_PROXY),
}));
