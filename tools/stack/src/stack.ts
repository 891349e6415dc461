import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { APPS, AppName, CLI } from '@app/contracts';

/** How long a process may take to report that it started (STACK_START_TIMEOUT_MS, default 60 s). */
const START_TIMEOUT_MS = Number(process.env.STACK_START_TIMEOUT_MS) || 60_000;

export { APPS, CLI, TOOLS_CLI } from '@app/contracts';
export type { AppName } from '@app/contracts';

export interface RunningProcess {
  app: AppName;
  child: ChildProcess;
  /** Everything the process wrote, for assertions on logs. */
  output: string[];
  exited: Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Polls until `check` returns a value other than undefined/false, or fails with `describe()`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
  describe: () => Promise<string> | string = () => 'condition',
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch {
      // not ready yet
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${await describe()}`);
    }
    await sleep(intervalMs);
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const c = new Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

export interface StackOptions {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  port?: number;
  /** Extra environment for every process (e.g. RECONCILE_INTERVAL_MS). */
  env?: Record<string, string>;
  /** Extra node flags for every process (e.g. --cpu-prof, which NODE_OPTIONS does not allow). */
  nodeArgs?: string[];
  /** Echo the processes' output to this process's stderr. */
  echo?: boolean;
  root?: string;
  /**
   * Run the migrate step before the first process starts (the default), as `npm start` does;
   * false leaves the database as it is, e.g. to see a process refuse an unmigrated one.
   */
  migrate?: boolean;
}

/**
 * Starts and stops the real processes of one stack (its own database, queue prefix and port),
 * for the demo, the benchmark and the end-to-end tests.
 */
export class ProcessStack {
  readonly processes: RunningProcess[] = [];
  readonly port: number;
  readonly baseUrl: string;
  /** The migrate step, once per database (a failed one is tried again by the next start). */
  private readonly migrations = new Map<string, Promise<void>>();

  private constructor(
    private readonly opts: StackOptions,
    port: number,
  ) {
    this.port = port;
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  static async create(opts: StackOptions): Promise<ProcessStack> {
    return new ProcessStack(opts, opts.port ?? (await freePort()));
  }

  env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      DATABASE_URL: this.opts.databaseUrl,
      REDIS_URL: this.opts.redisUrl,
      QUEUE_PREFIX: this.opts.queuePrefix,
      PORT: String(this.port),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      // Every harness user logs in from 127.0.0.1: the production limit (20/min per client) would
      // throttle the suites and the demo. The security suite sets it back to 20.
      RATE_LIMIT_LOGIN_PER_MIN: process.env.RATE_LIMIT_LOGIN_PER_MIN ?? '100000',
      ...this.opts.env,
    };
  }

  /**
   * Runs the migrate step (`cli migrate`: creates the database if missing, applies pending
   * migrations) against the database `extraEnv` points at, once per database for this stack.
   */
  migrate(extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
    const env = { ...this.env(), ...extraEnv };
    const url = env.DATABASE_URL ?? '';
    let done = this.migrations.get(url);
    if (!done) {
      done = this.runMigrate(env);
      this.migrations.set(url, done);
      done.catch(() => this.migrations.delete(url));
    }
    return done;
  }

  private runMigrate(env: NodeJS.ProcessEnv): Promise<void> {
    const root = this.opts.root ?? process.cwd();
    const child = spawn(process.execPath, [resolve(root, CLI), 'migrate'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    return new Promise((done, fail) => {
      child.once('error', fail);
      child.once('exit', (code) => {
        if (this.opts.echo) process.stderr.write(`[migrate] ${output.join('')}`);
        if (code === 0) done();
        else fail(new Error(`migrate exited with ${code}:\n${output.join('').slice(-2000)}`));
      });
    });
  }

  /**
   * Spawns one process of `app` (after the migrate step, unless the stack was made with
   * `migrate: false`); resolves once it reports that it has started. A variable set to
   * undefined in `extraEnv` is removed from the process's environment. `wrap` is a command that
   * runs node (e.g. `ip netns exec <ns>`, to start it in a network namespace).
   */
  async start(
    app: AppName,
    extraEnv: NodeJS.ProcessEnv = {},
    wrap: string[] = [],
  ): Promise<RunningProcess> {
    const root = this.opts.root ?? process.cwd();
    if (this.opts.migrate !== false) await this.migrate(extraEnv);
    const argv = [process.execPath, ...(this.opts.nodeArgs ?? []), resolve(root, APPS[app])];
    const child = spawn([...wrap, ...argv][0], [...wrap, ...argv].slice(1), {
      cwd: root,
      env: { ...this.env(), ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output.push(text);
      if (this.opts.echo) process.stderr.write(`[${app}] ${text}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const proc: RunningProcess = { app, child, output, exited };
    this.processes.push(proc);
    // A process that dies while starting ends the wait at once (with all it printed: 'close'
    // comes after its output), instead of after the whole timeout.
    let dead = false;
    const closed = new Promise<void>((done) => child.once('close', () => done()));
    void closed.then(() => (dead = true));
    const started = () =>
      output.join('').includes(app === 'api' ? 'api listening' : `${app} started`);
    try {
      await waitFor(
        () => Promise.resolve(dead || started()),
        START_TIMEOUT_MS,
        () => `${app} to start (exited: ${dead}); output:\n${output.join('').slice(-2000)}`,
      );
    } catch (err) {
      // A process too slow to start is not left running beside the one a caller starts next.
      if (!dead) child.kill('SIGKILL');
      throw err;
    }
    if (!started()) {
      throw new Error(`${app} exited during start:\n${output.join('').slice(-2000)}`);
    }
    return proc;
  }

  /** The API, the stage workers, the dispatcher and the housekeeper. */
  async startAll(): Promise<void> {
    await this.start('api');
    await Promise.all([
      this.start('triage-worker'),
      this.start('linkage-worker'),
      this.start('outcome-worker'),
      this.start('dispatcher'),
      this.start('housekeeper'),
    ]);
  }

  alive(app?: AppName): RunningProcess[] {
    return this.processes.filter(
      (p) => (!app || p.app === app) && p.child.exitCode === null && p.child.signalCode === null,
    );
  }

  kill(proc: RunningProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    proc.child.kill(signal);
    return proc.exited;
  }

  /** SIGTERM to everything, SIGKILL to what has not exited after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    const live = this.alive();
    for (const p of live) p.child.kill('SIGTERM');
    await Promise.all(
      live.map(async (p) => {
        const timer = setTimeout(() => p.child.kill('SIGKILL'), graceMs);
        await p.exited;
        clearTimeout(timer);
      }),
    );
  }

  logs(): string {
    return this.processes.map((p) => p.output.join('')).join('\n');
  }
}
