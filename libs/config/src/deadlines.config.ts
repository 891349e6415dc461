import { configConcern } from './config-concern';
import { ConfigError, readInt } from './env';

export interface DeadlinesConfig {
  /** Days from a tip's receipt to the decision on it (the Criminal Procedure Code's 20). */
  decisionDays: number;
  /** How long before its deadline a tip's holder is told it is near. */
  nearMs: number;
  /** An urgent lead still unclaimed this long after it opened is reported to supervisors. */
  urgentClaimMs: number;
  /** How often the relay looks for deadlines near or missed and urgent leads left unclaimed. */
  checkIntervalMs: number;
}

/** A number of minutes, fractions allowed (tests use a few seconds); unset means `fallback`. */
function readMinutes(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > 7 * 24 * 60) {
    throw new ConfigError(`${name} must be a number of minutes above 0 and at most 10080`);
  }
  return n;
}

/**
 * Deadlines to decide on a tip and the checks that warn about them: linkage sets a tip's
 * deadline when it reaches a lead (the linkage worker, and the API when a person sends a tip on);
 * the relay runs the checks.
 */
export const deadlinesConfig = configConcern('deadlines', (env): DeadlinesConfig => ({
  decisionDays: readInt(env, 'DECISION_DAYS', 20, 0, 365),
  nearMs: readInt(env, 'DEADLINE_NEAR_HOURS', 72, 1, 24 * 60) * 3_600_000,
  urgentClaimMs: Math.round(readMinutes(env, 'URGENT_CLAIM_MINUTES', 10) * 60_000),
  checkIntervalMs: readInt(env, 'NOTIFY_CHECK_INTERVAL_MS', 15_000, 100, 3_600_000),
}));
