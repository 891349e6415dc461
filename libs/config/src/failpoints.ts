/**
 * Failpoints: named places in the pipeline where a fault-injection test can make a process crash,
 * stall or throw, to prove that the record survives it. Read once from `TIPTRACE_FAILPOINTS`:
 *
 *   TIPTRACE_FAILPOINTS="relay.afterSend:crash%30, triage.beforeHandle:block-3000*2"
 *
 * Each entry is `<point>:<action>[-<arg>][@<subject prefix>][*<times>][%<percent>]`:
 * - `crash`: the process kills itself with SIGKILL (nothing is flushed, as with kill -9);
 * - `block-<ms>`: the event loop is blocked synchronously for <ms> (timers, lock renewals and
 *   I/O callbacks all wait), e.g. to outlast a BullMQ job lock;
 * - `throw`: the caller gets an error;
 * - `@<prefix>`: fires only for subjects (e.g. a tip id) starting with the prefix;
 * - `*<times>`: fires at most that many times in this process;
 * - `%<percent>`: fires with that probability on each pass.
 *
 * Ignored entirely when NODE_ENV=production: no failpoint can fire in a production process.
 */
export type FailpointAction = { kind: 'crash' } | { kind: 'block'; ms: number } | { kind: 'throw' };

export interface FailpointSpec {
  point: string;
  action: FailpointAction;
  subjectPrefix?: string;
  times?: number;
  percent?: number;
}

export class FailpointError extends Error {
  constructor(point: string) {
    super(`failpoint ${point} fired`);
    this.name = 'FailpointError';
  }
}

const ENTRY_RE =
  /^([A-Za-z0-9_.-]+):(crash|throw|block-(\d{1,7}))(?:@([A-Za-z0-9-]{1,64}))?(?:\*(\d{1,9}))?(?:%(\d{1,3}))?$/;

/** Parses a TIPTRACE_FAILPOINTS value; throws on an entry it does not understand. */
export function parseFailpoints(raw: string | undefined): FailpointSpec[] {
  const specs: FailpointSpec[] = [];
  for (const entry of (raw ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const m = ENTRY_RE.exec(entry);
    if (!m) throw new Error(`TIPTRACE_FAILPOINTS: cannot read "${entry}"`);
    const [, point, action, blockMs, prefix, times, percent] = m;
    const spec: FailpointSpec = {
      point,
      action:
        action === 'crash'
          ? { kind: 'crash' }
          : action === 'throw'
            ? { kind: 'throw' }
            : { kind: 'block', ms: Number(blockMs) },
    };
    if (prefix !== undefined) spec.subjectPrefix = prefix;
    if (times !== undefined) spec.times = Number(times);
    if (percent !== undefined) {
      spec.percent = Number(percent);
      if (spec.percent > 100) throw new Error(`TIPTRACE_FAILPOINTS: ${entry}: percent above 100`);
    }
    specs.push(spec);
  }
  return specs;
}

/** Blocks the event loop for `ms` without yielding. */
export function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() < until) Atomics.wait(cell, 0, 0, Math.max(1, until - Date.now()));
}

export class Failpoints {
  private readonly fired = new Map<FailpointSpec, number>();

  constructor(
    private readonly specs: FailpointSpec[],
    private readonly random: () => number = Math.random,
    private readonly effects = {
      crash: () => process.kill(process.pid, 'SIGKILL'),
      block: blockEventLoop,
    },
  ) {}

  static fromEnv(env: NodeJS.ProcessEnv = process.env): Failpoints {
    if ((env.NODE_ENV || 'development') === 'production') return new Failpoints([]);
    return new Failpoints(parseFailpoints(env.TIPTRACE_FAILPOINTS));
  }

  get enabled(): boolean {
    return this.specs.length > 0;
  }

  /**
   * Passes the failpoint `point` (about `subject`, e.g. a tip id): does nothing unless a spec
   * names it, otherwise crashes, blocks or throws as configured. Returns what it did.
   */
  hit(point: string, subject?: string): 'none' | 'blocked' {
    let result: 'none' | 'blocked' = 'none';
    for (const spec of this.specs) {
      if (spec.point !== point) continue;
      if (spec.subjectPrefix !== undefined && !subject?.startsWith(spec.subjectPrefix)) continue;
      const count = this.fired.get(spec) ?? 0;
      if (spec.times !== undefined && count >= spec.times) continue;
      if (spec.percent !== undefined && this.random() * 100 >= spec.percent) continue;
      this.fired.set(spec, count + 1);
      if (spec.action.kind === 'crash') {
        // stderr is unbuffered for a pipe-less process only; say it before dying, best effort.
        process.stderr.write(`${JSON.stringify({ msg: 'failpoint crash', point })}\n`);
        this.effects.crash();
      } else if (spec.action.kind === 'block') {
        process.stderr.write(
          `${JSON.stringify({ msg: 'failpoint block', point, ms: spec.action.ms })}\n`,
        );
        this.effects.block(spec.action.ms);
        result = 'blocked';
      } else {
        throw new FailpointError(point);
      }
    }
    return result;
  }
}

let shared: Failpoints | null = null;

/** This process's failpoints, read from the environment on first use. */
export function failpoints(): Failpoints {
  shared ??= Failpoints.fromEnv();
  return shared;
}
