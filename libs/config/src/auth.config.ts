import { configConcern } from './config-concern';
import { ConfigError, isProduction, readInt } from './env';

export interface AdminConfig {
  /** The first admin, created at API start when no admin exists. */
  username: string;
  password: string;
}

export interface AuthConfig {
  /** Signs access tokens (and keys the rate limiter's client trackers). */
  jwtSecret: string;
  admin: AdminConfig;
  /**
   * How long the auth guard may reuse a user's record (role, disabled, token version, pending
   * password change) before reading it again: at most 30 s.
   */
  userCacheMs: number;
  /**
   * Roles that must turn on two-factor login before any route but their own account's (in
   * production: supervisor and admin; none otherwise).
   */
  mfaRequiredRoles: readonly string[];
}

const DEV_JWT_SECRET = 'dev-only-jwt-secret-change-me';
const DEV_ADMIN_USERNAME = 'admin';
const DEV_ADMIN_PASSWORD = 'tiptrace-dev-admin';
const USERNAME_RE = /^[a-z0-9._-]{3,64}$/;

/** Users and tokens: the API only. Production refuses the development secret and admin. */
export const authConfig = configConcern('auth', (env): AuthConfig => {
  const production = isProduction(env);
  const jwtSecret = env.JWT_SECRET || DEV_JWT_SECRET;
  if (production && jwtSecret === DEV_JWT_SECRET) {
    throw new ConfigError('JWT_SECRET must be set in production');
  }
  const username = env.ADMIN_USERNAME || DEV_ADMIN_USERNAME;
  const password = env.ADMIN_PASSWORD || DEV_ADMIN_PASSWORD;
  if (production && username === DEV_ADMIN_USERNAME) {
    throw new ConfigError(
      'ADMIN_USERNAME must be set to a name other than the default in production',
    );
  }
  if (production && password === DEV_ADMIN_PASSWORD) {
    throw new ConfigError('ADMIN_PASSWORD must be set in production');
  }
  if (!USERNAME_RE.test(username)) {
    throw new ConfigError('ADMIN_USERNAME must be 3-64 characters of a-z 0-9 . _ -');
  }
  if (password.length < 10) {
    throw new ConfigError('ADMIN_PASSWORD must be at least 10 characters');
  }
  if (jwtSecret.length < 16) throw new ConfigError('JWT_SECRET must be at least 16 characters');
  return {
    jwtSecret,
    admin: { username, password },
    userCacheMs: readInt(env, 'AUTH_USER_CACHE_MS', 30_000, 0, 30_000),
    mfaRequiredRoles: production ? ['supervisor', 'admin'] : [],
  };
});
