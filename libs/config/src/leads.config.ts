import { configConcern } from './config-concern';
import { readInt } from './env';

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

/** Claims and leases: the API (claims) and the housekeeper (the lease sweeper). */
export const leadsConfig = configConcern('leads', (env): LeadsConfig => ({
  leaseMs: readInt(env, 'LEASE_MS', 15 * 60_000, 1_000, 24 * 3_600_000),
  agePointsPerHour: readInt(env, 'LEAD_AGE_POINTS_PER_HOUR', 2, 0, 100),
  ageCap: readInt(env, 'LEAD_AGE_CAP', 50, 0, 1000),
  sweepIntervalMs: readInt(env, 'LEASE_SWEEP_INTERVAL_MS', 5_000, 100, 3_600_000),
}));
