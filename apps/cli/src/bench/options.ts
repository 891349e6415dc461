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
  /** Items through the bare baseline. */
  baselineItems: number;
  claimers: number;
  openLeads: number;
  /** Report years of these many tips (cumulative loads). */
  reportSizes: number[];
  /** --profile: every stack process writes a V8 CPU profile to bench-results/profiles/. */
  profile: boolean;
  /** --only=intake,rates,claims,reports: run just these parts (the baseline always runs). */
  parts: BenchPart[];
}

export const BENCH_PARTS = ['intake', 'rates', 'claims', 'reports'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

export function parseOptions(args: string[]): BenchOptions {
  const mode: BenchMode = args.includes('--smoke')
    ? 'smoke'
    : args.includes('--quick')
      ? 'quick'
      : args.includes('--full')
        ? 'full'
        : 'default';
  const base: Record<BenchMode, Omit<BenchOptions, 'profile' | 'parts'>> = {
    smoke: {
      mode,
      tips: 200,
      concurrency: 16,
      rates: [100],
      rateSeconds: 2,
      baselineItems: 200,
      claimers: 10,
      openLeads: 200,
      reportSizes: [10_000],
    },
    quick: {
      mode,
      tips: 2_000,
      concurrency: 64,
      rates: [100, 200, 500],
      rateSeconds: 5,
      baselineItems: 2_000,
      claimers: 50,
      openLeads: 5_000,
      reportSizes: [100_000],
    },
    default: {
      mode,
      tips: 20_000,
      concurrency: 64,
      rates: [100, 200, 500],
      rateSeconds: 15,
      baselineItems: 20_000,
      claimers: 50,
      openLeads: 5_000,
      reportSizes: [100_000, 1_000_000],
    },
    full: {
      mode,
      tips: 20_000,
      concurrency: 64,
      rates: [100, 200, 500],
      rateSeconds: 30,
      baselineItems: 20_000,
      claimers: 50,
      openLeads: 5_000,
      reportSizes: [100_000, 1_000_000, 10_000_000],
    },
  };
  const opts: BenchOptions = {
    ...base[mode],
    profile: args.includes('--profile'),
    parts: [...BENCH_PARTS],
  };
  const onlyArg = args.find((a) => a.startsWith('--only='));
  if (onlyArg) {
    const parts = onlyArg.slice('--only='.length).split(',');
    const unknown = parts.filter((p) => !(BENCH_PARTS as readonly string[]).includes(p));
    if (unknown.length) throw new Error(`--only takes ${BENCH_PARTS.join(',')}`);
    opts.parts = parts as BenchPart[];
  }
  const tipsArg = args.find((a) => a.startsWith('--tips='));
  if (tipsArg) {
    const n = Number(tipsArg.slice('--tips='.length));
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000)
      throw new Error('--tips must be 1..1000000');
    opts.tips = n;
    opts.baselineItems = n;
  }
  return opts;
}
