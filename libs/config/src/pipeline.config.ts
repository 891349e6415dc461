import { configConcern } from './config-concern';
import { readInt } from './env';

export interface PipelineConfig {
  /** How often the reconciler looks for tips stuck in a stage. */
  reconcileIntervalMs: number;
  /** A tip this long in `received`/`triaged` with no progress is driven on again. */
  stuckAfterMs: number;
  /** Tips within this many hours of each other in one ward are duplicate candidates. */
  duplicateWindowHours: number;
}

/** The stages' timing: triage (duplicate window) and the dispatcher's reconciler. */
export const pipelineConfig = configConcern('pipeline', (env): PipelineConfig => ({
  reconcileIntervalMs: readInt(env, 'RECONCILE_INTERVAL_MS', 10_000, 100, 3_600_000),
  stuckAfterMs: readInt(env, 'STUCK_AFTER_MS', 20_000, 100, 86_400_000),
  duplicateWindowHours: readInt(env, 'DUPLICATE_WINDOW_HOURS', 48, 1, 24 * 30),
}));
