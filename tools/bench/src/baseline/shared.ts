/**
 * The bare baseline: a three-stage BullMQ chain with no HTTP and no Nest, each stage in its own
 * process doing what a product stage does at its core (one INSERT or one UPDATE through a pg
 * pool, then hand the item on). Job and worker options mirror libs/dispatch/src/job-options.ts so
 * the comparison is of the product's code paths, not of BullMQ settings.
 */
import type { JobsOptions, WorkerOptions } from 'bullmq';

export const BASELINE_STAGES = ['a', 'b', 'c'] as const;
export type BaselineStage = (typeof BASELINE_STAGES)[number];

export const BASELINE_TABLE = 'bench_items';

export const BASELINE_DDL = `
  CREATE TABLE IF NOT EXISTS ${BASELINE_TABLE} (
    id uuid PRIMARY KEY,
    stage text NOT NULL,
    ward text NOT NULL,
    description text NOT NULL,
    priority integer,
    sent_at timestamptz,
    received_at timestamptz NOT NULL DEFAULT now(),
    triaged_at timestamptz,
    lead_open_at timestamptz,
    stage_changed_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS bench_items_stage_idx ON ${BASELINE_TABLE} (stage, stage_changed_at);
  CREATE INDEX IF NOT EXISTS bench_items_ward_idx ON ${BASELINE_TABLE} (ward, received_at);
  CREATE INDEX IF NOT EXISTS bench_items_open_idx ON ${BASELINE_TABLE} (lead_open_at);`;

export interface BaselineItem {
  id: string;
  ward: string;
  description: string;
  /** When the producer sent it (epoch ms): the baseline's latency starts here. */
  sentAt: number;
}

/** Same values as stageJobOptions() with the default configuration. */
export const BASELINE_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: { age: 3600, count: 2000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

/** Same values as STAGE_WORKER_OPTIONS. */
export const BASELINE_WORKER_OPTIONS: Pick<
  WorkerOptions,
  'lockDuration' | 'stalledInterval' | 'maxStalledCount'
> = {
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 3,
};

export function queueName(stage: BaselineStage): string {
  return `baseline-${stage}`;
}

/** Jobs in flight per baseline stage (BASELINE_CONCURRENCY overrides it). */
export const BASELINE_CONCURRENCY = 50;

export interface BaselineEnv {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  concurrency: number;
  poolSize: number;
}

export function baselineEnv(env: NodeJS.ProcessEnv = process.env): BaselineEnv {
  const need = (k: string): string => {
    const v = env[k];
    if (!v) throw new Error(`${k} is required`);
    return v;
  };
  return {
    databaseUrl: need('DATABASE_URL'),
    redisUrl: need('REDIS_URL'),
    prefix: need('QUEUE_PREFIX'),
    // The baseline's own setting, not the product's: enough jobs in flight per stage that the
    // bare chain runs as fast as it can here.
    concurrency: Number(env.BASELINE_CONCURRENCY || BASELINE_CONCURRENCY),
    poolSize: Number(env.BASELINE_POOL_SIZE || 10),
  };
}

export function isItem(data: unknown): data is BaselineItem {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return (
    typeof d.id === 'string' &&
    typeof d.ward === 'string' &&
    typeof d.description === 'string' &&
    typeof d.sentAt === 'number'
  );
}
