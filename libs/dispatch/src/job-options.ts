import type { JobsOptions } from 'bullmq';
import type { QueueConfig } from '@app/config';

/**
 * Defaults for every stage job: retried with exponential backoff; completed jobs are trimmed so
 * Redis stays bounded (PostgreSQL keeps the record), failed ones kept a week for inspection.
 */
export function stageJobOptions(config: QueueConfig): JobsOptions {
  return {
    attempts: config.attempts,
    backoff: { type: 'exponential', delay: config.backoffMs },
    removeOnComplete: { age: 3600, count: 2000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
  };
}
