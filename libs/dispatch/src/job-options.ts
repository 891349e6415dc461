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
export const STAGE_WORKER_OPTIONS = stageWorkerOptions(process.env);

/**
 * The lock duration is JOB_LOCK_MS (default 10 s; tests shorten it to make locks expire), and
 * the stalled-job check runs at half of it.
 */
export function stageWorkerOptions(env: NodeJS.ProcessEnv): {
  lockDuration: number;
  stalledInterval: number;
  maxStalledCount: number;
} {
  const raw = Number(env.JOB_LOCK_MS);
  const lockDuration = Number.isInteger(raw) && raw >= 200 && raw <= 600_000 ? raw : 10_000;
  return {
    lockDuration,
    stalledInterval: Math.max(100, Math.floor(lockDuration / 2)),
    maxStalledCount: 3,
  };
}
