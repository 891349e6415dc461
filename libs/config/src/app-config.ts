import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';

/**
 * Validated configuration, one namespace per concern. Every variable has a working local
 * default so `npm start` runs on a developer machine; production refuses the dev secrets.
 */
export interface DatabaseConfig {
  url: string;
  poolSize: number;
}
export interface QueueConfig {
  redisUrl: string;
  prefix: string;
  attempts: number;
  backoffMs: number;
  concurrency: number;
}
export interface HttpConfig {
  port: number;
  bodyLimit: string;
}
export interface PipelineConfig {
  /** How often the reconciler looks for tips stuck in a stage. */
  reconcileIntervalMs: number;
  /** A tip this long in `received`/`triaged` with no progress is driven on again. */
  stuckAfterMs: number;
  /** Tips within this many hours of each other in one ward are duplicate candidates. */
  duplicateWindowHours: number;
}
export interface LeadsConfig {
  /** How long a claim holds a lead before it returns to the queue by itself. */
  leaseMs: number;
  /** Points added to a lead's priority per hour it waits, so nothing starves. */
  agePointsPerHour: number;
  /** Most points waiting can add. */
  ageCap: number;
  /** How often expired leases are swept back to the queue. */
  sweepIntervalMs: number;
}
export interface AdminConfig {
  /** The first admin, created at API start when no admin exists. */
  username: string;
  password: string;
}
export interface SecurityConfig {
  jwtSecret: string;
  tipsterKey: Buffer;
  tipsterKeyId: string;
  /** Earlier tipster keys by id (TIPSTER_OLD_KEYS=id:base64,...), read-only, for rotation. */
  tipsterOldKeys: Map<string, Buffer>;
  admin: AdminConfig;
  /** Browser origins allowed by CORS (CORS_ORIGINS, comma-separated); none by default. */
  corsOrigins: string[];
  /** How long the auth guard may reuse a user's record (role, disabled) before reading it again. */
  userCacheMs: number;
  /**
   * Which reverse proxies may name the client in X-Forwarded-For (TRUST_PROXY): false (none, the
   * default), a hop count, or addresses/CIDR ranges (and loopback, linklocal, uniquelocal).
   */
  trustProxy: false | number | string[];
}
/** Requests per client per minute (per failure window for follow-up codes). */
export interface RateLimitConfig {
  loginPerMinute: number;
  publicSubmitPerMinute: number;
  publicReadPerMinute: number;
  /** Wrong follow-up codes a client may present per 15 minutes before it gets 429. */
  followUpFailures: number;
}
export interface RetentionConfig {
  /** Tipster identity and messages of tips whose case resolved this many days ago are purged. */
  days: number;
  intervalMs: number;
}
export interface ReferenceConfig {
  district: string;
  wards: string[];
  /**
   * The wards sharing a boundary with each ward ("neighbours" in the wards file), always both
   * ways; a ward with none listed has none. Reports of one incident often come from both sides of
   * a boundary street, so the duplicate search looks across it.
   */
  neighbours: Record<string, string[]>;
}
export interface AppConfig {
  env: string;
  logLevel: string;
  database: DatabaseConfig;
  queue: QueueConfig;
  http: HttpConfig;
  pipeline: PipelineConfig;
  leads: LeadsConfig;
  security: SecurityConfig;
  rateLimits: RateLimitConfig;
  retention: RetentionConfig;
  reference: ReferenceConfig;
}

export class ConfigError extends Error {}

const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me';
const DEV_ADMIN_USERNAME = 'admin';
const DEV_ADMIN_PASSWORD = 'tiptrace-dev-admin';
const USERNAME_RE = /^[a-z0-9._-]{3,64}$/;
// 32 bytes, base64: a development key only; production must set TIPSTER_KEY.
const DEV_TIPSTER_KEY = 'ZGV2LW9ubHktdGlwc3Rlci1rZXktMzItYnl0ZXMhISE=';

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}`);
  }
  return n;
}

function url(env: NodeJS.ProcessEnv, name: string, fallback: string, protocols: string[]) {
  const raw = env[name] || fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}`);
  }
  return raw;
}

function keyRing(raw: string | undefined, currentId: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const part of (raw ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = part.indexOf(':');
    const id = at > 0 ? part.slice(0, at) : '';
    const key = Buffer.from(part.slice(at + 1), 'base64');
    if (!/^[\w.-]{1,32}$/.test(id) || key.length !== 32) {
      throw new ConfigError('TIPSTER_OLD_KEYS must be id:base64-of-32-bytes, comma-separated');
    }
    if (id === currentId) throw new ConfigError('TIPSTER_OLD_KEYS must not repeat TIPSTER_KEY_ID');
    keys.set(id, key);
  }
  return keys;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY as Express takes it; anything it would misread is refused at start. */
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

export function loadReference(env: NodeJS.ProcessEnv = process.env): ReferenceConfig {
  const file = resolve(env.WARDS_FILE || 'config/wards.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read ward list ${file}: ${(err as Error).message}`);
  }
  const p = parsed as { district?: unknown; wards?: unknown; neighbours?: unknown };
  if (
    !Array.isArray(p.wards) ||
    p.wards.length === 0 ||
    !p.wards.every((w) => typeof w === 'string' && w.trim() !== '')
  ) {
    throw new ConfigError(`${file} must hold a non-empty "wards" list of names`);
  }
  const wards = p.wards as string[];
  return {
    district: typeof p.district === 'string' ? p.district : '',
    wards,
    neighbours: wardNeighbours(file, wards, p.neighbours),
  };
}

/**
 * The "neighbours" map of the wards file: ward → the wards it shares a boundary with. Optional;
 * every name must be a listed ward other than itself. A pair listed on one side only is taken
 * both ways, since sharing a boundary is mutual.
 */
function wardNeighbours(file: string, wards: string[], raw: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = Object.fromEntries(wards.map((w) => [w, []]));
  if (raw === undefined) return out;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${file}: "neighbours" must map a ward to a list of wards`);
  }
  const known = new Set(wards);
  const add = (a: string, b: string) => {
    if (!out[a].includes(b)) out[a].push(b);
  };
  for (const [ward, list] of Object.entries(raw as Record<string, unknown>)) {
    if (!known.has(ward))
      throw new ConfigError(`${file}: "neighbours" names an unknown ward ${ward}`);
    if (!Array.isArray(list) || !list.every((n) => typeof n === 'string' && known.has(n))) {
      throw new ConfigError(`${file}: the neighbours of ${ward} must be listed wards`);
    }
    for (const n of list as string[]) {
      if (n === ward) throw new ConfigError(`${file}: ${ward} cannot be its own neighbour`);
      add(ward, n);
      add(n, ward);
    }
  }
  for (const w of wards) out[w].sort((a, b) => wards.indexOf(a) - wards.indexOf(b));
  return out;
}

/** The wards sharing a boundary with `ward` (none for a ward the file does not list). */
export function neighbourWards(reference: ReferenceConfig, ward: string): string[] {
  return reference.neighbours[ward] ?? [];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV || 'development';
  const production = nodeEnv === 'production';
  const jwtSecret = env.JWT_SECRET || DEV_JWT_SECRET;
  const tipsterKeyB64 = env.TIPSTER_KEY || DEV_TIPSTER_KEY;
  if (production && jwtSecret === DEV_JWT_SECRET) {
    throw new ConfigError('JWT_SECRET must be set in production');
  }
  if (production && tipsterKeyB64 === DEV_TIPSTER_KEY) {
    throw new ConfigError('TIPSTER_KEY must be set in production');
  }
  const adminUsername = env.ADMIN_USERNAME || DEV_ADMIN_USERNAME;
  const adminPassword = env.ADMIN_PASSWORD || DEV_ADMIN_PASSWORD;
  if (production && adminUsername === DEV_ADMIN_USERNAME) {
    throw new ConfigError(
      'ADMIN_USERNAME must be set to a name other than the default in production',
    );
  }
  if (production && adminPassword === DEV_ADMIN_PASSWORD) {
    throw new ConfigError('ADMIN_PASSWORD must be set in production');
  }
  if (!USERNAME_RE.test(adminUsername)) {
    throw new ConfigError('ADMIN_USERNAME must be 3-64 characters of a-z 0-9 . _ -');
  }
  if (adminPassword.length < 10) {
    throw new ConfigError('ADMIN_PASSWORD must be at least 10 characters');
  }
  if (jwtSecret.length < 16) throw new ConfigError('JWT_SECRET must be at least 16 characters');
  const tipsterKey = Buffer.from(tipsterKeyB64, 'base64');
  if (tipsterKey.length !== 32) {
    throw new ConfigError('TIPSTER_KEY must be 32 bytes, base64-encoded');
  }
  const tipsterKeyId = env.TIPSTER_KEY_ID || 'k1';
  if (!/^[\w.-]{1,32}$/.test(tipsterKeyId)) {
    throw new ConfigError('TIPSTER_KEY_ID may hold letters, digits, _ . - (1-32 characters)');
  }
  const prefix = env.QUEUE_PREFIX || 'tiptrace';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(prefix)) {
    throw new ConfigError('QUEUE_PREFIX may hold letters, digits, _ . - (1-64 characters)');
  }
  return {
    env: nodeEnv,
    logLevel: env.LOG_LEVEL || 'info',
    database: {
      url: url(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/tiptrace', [
        'postgres:',
        'postgresql:',
      ]),
      poolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    },
    queue: {
      redisUrl: url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
      prefix,
      attempts: int(env, 'JOB_ATTEMPTS', 6, 1, 50),
      backoffMs: int(env, 'JOB_BACKOFF_MS', 500, 10, 600_000),
      concurrency: int(env, 'WORKER_CONCURRENCY', 8, 1, 256),
    },
    http: {
      port: int(env, 'PORT', 3000, 0, 65535),
      bodyLimit: '64kb',
    },
    pipeline: {
      reconcileIntervalMs: int(env, 'RECONCILE_INTERVAL_MS', 10_000, 100, 3_600_000),
      stuckAfterMs: int(env, 'STUCK_AFTER_MS', 20_000, 100, 86_400_000),
      duplicateWindowHours: int(env, 'DUPLICATE_WINDOW_HOURS', 48, 1, 24 * 30),
    },
    leads: {
      leaseMs: int(env, 'LEASE_MS', 15 * 60_000, 1_000, 24 * 3_600_000),
      agePointsPerHour: int(env, 'LEAD_AGE_POINTS_PER_HOUR', 2, 0, 100),
      ageCap: int(env, 'LEAD_AGE_CAP', 50, 0, 1000),
      sweepIntervalMs: int(env, 'LEASE_SWEEP_INTERVAL_MS', 5_000, 100, 3_600_000),
    },
    security: {
      jwtSecret,
      tipsterKey,
      tipsterKeyId,
      tipsterOldKeys: keyRing(env.TIPSTER_OLD_KEYS, tipsterKeyId),
      admin: { username: adminUsername, password: adminPassword },
      corsOrigins: origins(env.CORS_ORIGINS),
      userCacheMs: int(env, 'AUTH_USER_CACHE_MS', 30_000, 0, 30_000),
      trustProxy: trustProxy(env.TRUST_PROXY),
    },
    // The contract allows no fewer than 20 login attempts a minute per client.
    rateLimits: {
      loginPerMinute: int(env, 'RATE_LIMIT_LOGIN_PER_MIN', 20, 20, 1_000_000),
      publicSubmitPerMinute: int(env, 'RATE_LIMIT_PUBLIC_SUBMIT_PER_MIN', 10, 1, 1_000_000),
      publicReadPerMinute: int(env, 'RATE_LIMIT_PUBLIC_READ_PER_MIN', 30, 1, 1_000_000),
      followUpFailures: int(env, 'FOLLOW_UP_FAILURE_LIMIT', 10, 1, 1_000_000),
    },
    retention: {
      days: int(env, 'RETENTION_DAYS', 365, 0, 36_500),
      intervalMs: int(env, 'RETENTION_INTERVAL_MS', 3_600_000, 100, 86_400_000),
    },
    reference: loadReference(env),
  };
}
