import type { BaselineResult } from './baseline/run-baseline';
import type { ClaimFigures, PacedClaimFigures } from './claims';
import type { CommandStat, Machine } from './machine';
import type { BenchOptions } from './options';
import type { PgPerItem } from './pgstats';
import type { HttpFigures, PipelineFigures } from './pipeline';
import type { ReportTiming } from './reports';
import type { UploadFigures } from './uploads';

export interface Target {
  name: string;
  target: string;
  value: string;
  met: boolean | null;
  note?: string;
}

/** What one tip cost end to end, over a product round (intake until the last lead opened). */
export interface PerTip {
  /** CPU-ms per tip of each process (/proc/<pid>/stat), `bench` the load generator itself. */
  cpuMs: Record<string, number | null>;
  /**
   * PostgreSQL per tip: commits of the bench database (pg_stat_database; the bench's own polling
   * included), statements (pg_stat_statements, null when not loaded), WAL bytes (the cluster's:
   * on a shared server, other databases' writes too).
   */
  pg: PgPerItem;
}

export interface ProductRound {
  http: HttpFigures;
  pipeline: PipelineFigures;
  perTip: PerTip;
}

export interface BenchResults {
  version: 1;
  mode: BenchOptions['mode'];
  startedAt: string;
  durationS: number;
  command: string;
  machine: Machine;
  config: {
    options: BenchOptions;
    httpAdapter: string;
    workerConcurrency: number;
    databasePoolSize: number;
    logLevel: string;
  };
  intake: HttpFigures;
  pipeline: {
    /** The median product round (by tips/s). */
    saturation: PipelineFigures;
    /** Tips/s of every product round, in the order run. */
    saturationRounds: number[];
    /** Per tip, in the median round. */
    perTip: PerTip;
    rates: { rate: number; http: HttpFigures; pipeline: PipelineFigures }[];
  };
  /** The median baseline round (by items/s), with every round's items/s. */
  baseline: BaselineResult & { rounds: number[] };
  /** Product end-to-end tips/s at saturation ÷ baseline items/s. */
  ratio: number;
  /** Claimers in a closed loop: each claims again the moment it has an answer. */
  claims: ClaimFigures;
  /** The same claimers at a fixed offered rate, below saturation. */
  pacedClaims: PacedClaimFigures;
  reports: ReportTiming[];
  /** Parallel uploads of evidence, with the API's memory during them. */
  uploads: UploadFigures;
  memory: {
    peakRssMb: Record<string, number | null>;
    redisUsedMemoryMb: number;
    redisKeysUnderPrefix: number;
  };
  redisCommandStats: CommandStat[];
  extrapolation: { oneMillionTipsMinutes: number; basis: string };
  targets: Target[];
}

/** Every top-level key, for the CI smoke. */
export const RESULT_KEYS: (keyof BenchResults)[] = [
  'version',
  'mode',
  'startedAt',
  'durationS',
  'command',
  'machine',
  'config',
  'intake',
  'pipeline',
  'baseline',
  'ratio',
  'claims',
  'pacedClaims',
  'reports',
  'uploads',
  'memory',
  'redisCommandStats',
  'extrapolation',
  'targets',
];
