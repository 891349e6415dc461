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

/**
 * Stage jobs take milliseconds, so a short lock lets a job held by a killed worker return to the
 * queue within ~10 s instead of BullMQ's default 30–60 s; the stages are idempotent, so a job
 * picked up twice after a stall changes nothing.
 */
export const STAGE_WORKER_OPTIONS = {
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 3,
} as const;
