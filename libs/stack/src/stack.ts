import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';

/** The processes of a TipTrace stack, as built into dist/ by `npm run build`. */
export const APPS = {
  api: 'dist/apps/api/src/main.js',
  'triage-worker': 'dist/apps/triage-worker/src/main.js',
  'linkage-worker': 'dist/apps/linkage-worker/src/main.js',
  'outcome-worker': 'dist/apps/outcome-worker/src/main.js',
  relay: 'dist/apps/relay/src/main.js',
} as const;
export type AppName = keyof typeof APPS;

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
}

/**
 * Starts and stops the real processes of one stack (its own database, queue prefix and port),
 * for the demo, the benchmark and the end-to-end tests.
 */
export class ProcessStack {
  readonly processes: RunningProcess[] = [];
  readonly port: number;
  readonly baseUrl: string;

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

  /** Spawns one process of `app`; resolves once it reports that it has started. */
  async start(app: AppName, extraEnv: Record<string, string> = {}): Promise<RunningProcess> {
    const root = this.opts.root ?? process.cwd();
    const child = spawn(
      process.execPath,
      [...(this.opts.nodeArgs ?? []), resolve(root, APPS[app])],
      {
        cwd: root,
        env: { ...this.env(), ...extraEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
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
    let dead = false;
    void exited.then(() => (dead = true));
    await waitFor(
      () => {
        if (dead) throw new Error('exited');
        return Promise.resolve(
          output.join('').includes(app === 'api' ? 'api listening' : `${app} started`),
        );
      },
      60_000,
      () => `${app} to start (exited: ${dead}); output:\n${output.join('').slice(-2000)}`,
    ).catch((err: Error) => {
      if (dead) throw new Error(`${app} exited during start:\n${output.join('').slice(-2000)}`);
      throw err;
    });
    return proc;
  }

  /** API, both workers and the relay. */
  async startAll(): Promise<void> {
    // The API migrates first so the others find the schema in place.
    await this.start('api');
    await Promise.all([
      this.start('triage-worker'),
      this.start('linkage-worker'),
      this.start('outcome-worker'),
      this.start('relay'),
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
