import { configConcern } from './config-concern';
import { readInt } from './env';

/** Requests per client per minute (per failure window for follow-up codes). */
export interface RateLimitsConfig {
  loginPerMinute: number;
  publicSubmitPerMinute: number;
  publicReadPerMinute: number;
  /** Wrong follow-up codes a client may present per 15 minutes before it gets 429. */
  followUpFailures: number;
}

/** The API's limits per client. The contract allows no fewer than 20 login attempts a minute. */
export const rateLimitsConfig = configConcern('rateLimits', (env): RateLimitsConfig => ({
  loginPerMinute: readInt(env, 'RATE_LIMIT_LOGIN_PER_MIN', 20, 20, 1_000_000),
  publicSubmitPerMinute: readInt(env, 'RATE_LIMIT_PUBLIC_SUBMIT_PER_MIN', 10, 1, 1_000_000),
  publicReadPerMinute: readInt(env, 'RATE_LIMIT_PUBLIC_READ_PER_MIN', 30, 1, 1_000_000),
  followUpFailures: readInt(env, 'FOLLOW_UP_FAILURE_LIMIT', 10, 1, 1_000_000),
}));
