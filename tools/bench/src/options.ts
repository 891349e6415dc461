export type BenchMode = 'smoke' | 'quick' | 'default' | 'full';

export interface BenchOptions {
  mode: BenchMode;
  /** Tips POSTed at saturation (intake + pipeline). */
  tips: number;
  /** Concurrent HTTP connections at saturation. */
  concurrency: number;
  /** Offered rates (tips/s), each held for `rateSeconds`. */
  rates: number[];
  rateSeconds: number;
  /** Product and baseline rounds, alternating; medians are reported. */
  rounds: number;
  /** Each baseline round: seconds of warm-up, then seconds measured. */
  baselineWarmS: number;
  baselineMeasureS: number;
  claimers: number;
  openLeads: number;
  /** Claims/s offered by the same claimers at a fixed rate, held for `rateSeconds`. */
  claimRate: number;
  /** Claims made, unmeasured, to warm the claim path up before the closed loop is measured. */
  claimWarmup: number;
  /** Report years of these many tips (cumulative loads). */
  reportSizes: number[];
  /** Parallel uploads (each to its own tip) and the size of each document, in MB. */
  uploadFiles: number;
  uploadMb: number;
  /** The photo uploaded in parallel, [width, height] in pixels. */
  uploadPhoto: [number, number];
  /** --upload-slots=N: ATTACHMENT_UPLOADS_AT_ONCE for the stack (the API's default when unset). */
  uploadSlots: number | null;
  /**
   * --triage=N: N triage worker processes instead of one (the wards' locks keep them apart), to
   * measure the stage that paces the pipeline run on more than one thread.
   */
  triageWorkers: number;
  /** --uploads-only: start the API alone and run only the upload rounds. */
  uploadsOnly: boolean;
  /** --profile: every stack process writes a V8 CPU profile to bench-results/profiles/. */
  profile: boolean;
  /** --reports-only: only the report years (sizes from the mode or --report-sizes=a,b). */
  reportsOnly: boolean;
  /** --claims-only: start the API alone and run only the claim rounds (closed loop, then paced). */
  claimsOnly: boolean;
  /**
   * --private-pg: a PostgreSQL of the bench's own (pg_stat_statements preloaded, fsync on), so
   * statements are counted and no other client's writes or long transactions touch the figures.
   */
  privatePg: boolean;
  /** --million[=N]: N (default 1,000,000) tips through the import route, timed to their leads. */
  million: number | null;
  /**
   * --reuse (with --reports-only): keep the bench database and the report years already loaded in
   * it, to time the reports of a changed build without loading and projecting again.
   */
  reuse: boolean;
}

/** `--name=N` as an integer in [min, max]; null when not given. */
function intArg(args: string[], name: string, min: number, max: number): number | null {
  const arg = args.find((a) => a.startsWith(`${name}=`));
  if (arg === undefined) return null;
  const n = Number(arg.slice(name.length + 1));
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be ${min}..${max}`);
  return n;
}

export function parseOptions(args: string[]): BenchOptions {
  const mode: BenchMode = args.includes('--smoke')
    ? 'smoke'
    : args.includes('--quick')
      ? 'quick'
      : args.includes('--full')
        ? 'full'
        : 'default';
  const base: Record<
    BenchMode,
    Omit<
      BenchOptions,
      | 'profile'
      | 'reportsOnly'
      | 'claimsOnly'
      | 'million'
      | 'privatePg'
      | 'reuse'
      | 'uploadSlots'
      | 'uploadsOnly'
      | 'triageWorkers'
    >
  > = {
    smoke: {
      mode,
      tips: 200,
      concurrency: 16,
      rates: [100],
      rateSeconds: 2,
      rounds: 3,
      baselineWarmS: 1,
      baselineMeasureS: 3,
      claimers: 10,
      openLeads: 200,
      claimRate: 20,
      claimWarmup: 100,
      uploadFiles: 4,
      uploadMb: 2,
      uploadPhoto: [1600, 1200],
      reportSizes: [10_000],
    },
    quick: {
      mode,
      tips: 2_000,
      concurrency: 64,
      rates: [20, 100, 200, 500],
      rateSeconds: 5,
      rounds: 3,
      baselineWarmS: 3,
      baselineMeasureS: 8,
      claimers: 50,
      openLeads: 5_000,
      claimRate: 100,
      claimWarmup: 2_000,
      uploadFiles: 20,
      uploadMb: 25,
      uploadPhoto: [5000, 4000],
      reportSizes: [100_000],
    },
    default: {
      mode,
      tips: 20_000,
      concurrency: 64,
      rates: [20, 100, 200, 500],
      rateSeconds: 15,
      rounds: 3,
      baselineWarmS: 5,
      baselineMeasureS: 15,
      claimers: 50,
      openLeads: 5_000,
      claimRate: 100,
      claimWarmup: 2_000,
      uploadFiles: 20,
      uploadMb: 25,
      uploadPhoto: [5000, 4000],
      reportSizes: [100_000, 1_000_000],
    },
    full: {
      mode,
      tips: 20_000,
      concurrency: 64,
      rates: [20, 100, 200, 500],
      rateSeconds: 30,
      rounds: 3,
      baselineWarmS: 5,
      baselineMeasureS: 15,
      claimers: 50,
      openLeads: 5_000,
      claimRate: 100,
      claimWarmup: 2_000,
      uploadFiles: 20,
      uploadMb: 25,
      uploadPhoto: [5000, 4000],
      reportSizes: [100_000, 1_000_000, 10_000_000],
    },
  };
  const opts = {
    ...base[mode],
    profile: args.includes('--profile'),
    reportsOnly: args.includes('--reports-only'),
    claimsOnly: args.includes('--claims-only'),
    million: null as number | null,
    privatePg: args.includes('--private-pg'),
    reuse: args.includes('--reuse'),
    uploadsOnly: args.includes('--uploads-only'),
    uploadSlots: null as number | null,
    triageWorkers: 1,
  };
  opts.triageWorkers = intArg(args, '--triage', 1, 8) ?? opts.triageWorkers;
  opts.uploadSlots = intArg(args, '--upload-slots', 1, 100);
  if (opts.reuse && !opts.reportsOnly) throw new Error('--reuse goes with --reports-only');
  const sizesArg = args.find((a) => a.startsWith('--report-sizes='));
  if (sizesArg) {
    const sizes = sizesArg.slice('--report-sizes='.length).split(',').map(Number);
    if (sizes.some((n) => !Number.isInteger(n) || n < 50 || n % 50 !== 0))
      throw new Error('--report-sizes must be multiples of 50, comma-separated');
    opts.reportSizes = sizes.sort((a, b) => a - b);
  }
  opts.tips = intArg(args, '--tips', 1, 1_000_000) ?? opts.tips;
  const millionArg = args.find((a) => a === '--million' || a.startsWith('--million='));
  if (millionArg) {
    const n = millionArg.includes('=') ? Number(millionArg.slice('--million='.length)) : 1_000_000;
    if (!Number.isInteger(n) || n < 1000 || n > 10_000_000 || n % 1000 !== 0)
      throw new Error('--million=N takes a multiple of 1000 up to 10000000');
    opts.million = n;
  }
  return opts;
}
