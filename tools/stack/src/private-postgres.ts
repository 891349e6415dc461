import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  accessSync,
  appendFileSync,
  chownSync,
  constants,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { Client } from 'pg';
import { freePort, waitFor } from './stack';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `name` on the PATH, or null. */
export function onPath(name: string, path = process.env.PATH ?? ''): string | null {
  for (const dir of path.split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/**
 * The directory of the PostgreSQL server binaries (initdb and postgres): PG_BIN, else the newest
 * of Debian's /usr/lib/postgresql/<version>/bin, else where an initdb on the PATH really lives;
 * null when there are none.
 */
export function findPostgresBin(env: NodeJS.ProcessEnv = process.env): string | null {
  const server = (dir: string) =>
    executable(join(dir, 'initdb')) && executable(join(dir, 'postgres'));
  if (env.PG_BIN) return server(env.PG_BIN) ? env.PG_BIN : null;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => server(join(base, v, 'bin')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length > 0) return join(base, versions[0], 'bin');
  const initdb = onPath('initdb', env.PATH);
  if (!initdb) return null;
  const dir = dirname(realpathSync(initdb));
  return server(dir) ? dir : null;
}

export const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The uid and gid of the postgres user, or null (initdb and postgres refuse to run as root). */
export function postgresUser(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { stdio: 'pipe' }).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { stdio: 'pipe' }).toString());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** Runs a PostgreSQL binary as the postgres user when we are root (initdb and postgres refuse root). */
function asPostgres(bin: string, args: string[]): { cmd: string; args: string[] } {
  return runningAsRoot
    ? { cmd: 'runuser', args: ['-u', 'postgres', '--', bin, ...args] }
    : { cmd: bin, args };
}

/**
 * A throwaway PostgreSQL cluster of the test's own (temp dir, free port, trust auth, 127.0.0.1),
 * which the test may restart or kill -9 under load.
 */
export class PrivatePostgres {
  private child: ChildProcess | null = null;
  private exited: Promise<void> | null = null;
  private readonly log: string[] = [];

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    /** Server settings (name=value) after the defaults below, which they override. */
    private readonly settings: string[] = [],
    /** Addresses besides 127.0.0.1 the server listens on. */
    private readonly listen: string[] = [],
  ) {}

  /**
   * initdb in a new temp dir and the server on a free port; `bin` defaults to findPostgresBin().
   * A start that fails (or is interrupted) removes what it made. `listen` adds addresses (besides
   * 127.0.0.1) the server listens on, `trust` client ranges (CIDR) it lets in without a password.
   */
  static async start(
    opts: { bin?: string; settings?: string[]; listen?: string[]; trust?: string[] } = {},
  ): Promise<PrivatePostgres> {
    const bin = opts.bin ?? findPostgresBin();
    if (!bin) throw new Error('no PostgreSQL server under /usr/lib/postgresql (set PG_BIN)');
    const dir = mkdtempSync(join(tmpdir(), 'tiptrace-pg-'));
    const pg = new PrivatePostgres(dir, await freePort(), bin, opts.settings, opts.listen);
    try {
      if (runningAsRoot) {
        const user = postgresUser();
        if (!user) throw new Error('initdb refuses to run as root and there is no postgres user');
        chownSync(dir, user.uid, user.gid);
      }
      const init = asPostgres(join(bin, 'initdb'), [
        '-D',
        join(dir, 'data'),
        '-U',
        'postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ]);
      execFileSync(init.cmd, init.args, { stdio: 'pipe' });
      for (const range of opts.trust ?? []) {
        appendFileSync(join(dir, 'data', 'pg_hba.conf'), `host all all ${range} trust\n`);
      }
      await pg.launch();
      return pg;
    } catch (err) {
      await pg.destroy().catch(() => undefined);
      throw err;
    }
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  /** A database URL on this cluster (created on first use by the processes). */
  database(name: string): string {
    return `${this.url}/${name}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  private async launch(): Promise<void> {
    const run = asPostgres(join(this.bin, 'postgres'), [
      '-D',
      join(this.dir, 'data'),
      '-p',
      String(this.port),
      '-c',
      `listen_addresses=${['127.0.0.1', ...this.listen].join(',')}`,
      '-c',
      `unix_socket_directories=${this.dir}`,
      '-c',
      'max_connections=300',
      // fsync only guards against the machine crashing (a killed server's writes are in the OS
      // cache); synchronous_commit stays on, or kill -9 would lose commits already acknowledged.
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=on',
      '-c',
      'full_page_writes=off',
      '-c',
      'shared_buffers=64MB',
      ...this.settings.flatMap((kv) => ['-c', kv]),
    ]);
    const child = spawn(run.cmd, run.args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (c: Buffer) => {
      this.log.push(c.toString('utf8'));
      if (this.log.length > 200) this.log.shift();
    });
    this.child = child;
    const exited = new Promise<void>((r) => {
      child.once('exit', () => r());
      child.once('error', (err) => {
        this.log.push(`${err.message}\n`);
        r();
      });
    });
    this.exited = exited;
    void exited.then(() => {
      if (this.child === child) this.child = null;
    });
    const up = waitFor(
      async () => {
        if (this.child !== child) throw new Error('postgres exited');
        const c = new Client({ connectionString: `${this.url}/postgres` });
        try {
          await c.connect();
          await c.query('SELECT 1');
          return true;
        } finally {
          await c.end().catch(() => undefined);
        }
      },
      30_000,
      () => `postgres on ${this.port} to accept connections:\n${this.log.join('').slice(-2000)}`,
      100,
    );
    // A server that exits while starting fails the start at once, not after the timeout.
    await Promise.race([
      up,
      exited.then(() => {
        if (this.child !== child)
          throw new Error(`postgres exited:\n${this.log.join('').slice(-2000)}`);
      }),
    ]);
  }

  private async halt(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    // Signals go to the postmaster itself (runuser does not pass them all on).
    const postmaster = this.postmasterPid() ?? child.pid!;
    if (signal === 'SIGKILL') this.killAll(postmaster);
    else {
      try {
        process.kill(postmaster, signal);
      } catch {
        // already gone (a Ctrl-C reaches the whole process group)
      }
    }
    await this.exited;
    this.child = null;
    if (signal === 'SIGKILL') await this.waitPortFree();
  }

  private postmasterPid(): number | null {
    try {
      const first = readFileSync(join(this.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0];
      const pid = Number(first);
      return Number.isInteger(pid) && pid > 0 ? pid : null;
    } catch {
      return null;
    }
  }

  /** SIGKILL to the postmaster and all its backends at once (collected first, so none restarts). */
  private killAll(postmaster: number): void {
    let pids = [postmaster];
    try {
      pids = pids.concat(
        execFileSync('pgrep', ['-P', String(postmaster)])
          .toString()
          .split('\n')
          .filter(Boolean)
          .map(Number),
      );
    } catch {
      // no backends
    }
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }

  /** After kill -9 the backends may hold the port for a moment: wait until nothing answers. */
  private async waitPortFree(): Promise<void> {
    await waitFor(
      () =>
        new Promise<boolean>((done) => {
          const sock = connect(this.port, '127.0.0.1');
          sock.once('connect', () => {
            sock.destroy();
            done(false);
          });
          sock.once('error', () => done(true));
        }),
      10_000,
    ).catch(() => undefined);
  }

  /** Fast shutdown (open transactions roll back, clients are cut off). */
  async stop(): Promise<void> {
    await this.halt('SIGINT');
  }

  /** kill -9 of the server and its backends: crash recovery at the next start. */
  async kill(): Promise<void> {
    await this.halt('SIGKILL');
  }

  /** Starts it again after stop() or kill(). */
  async startAgain(): Promise<void> {
    if (this.child) return;
    await this.launch();
  }

  /** Stops it (fast shutdown, or kill -9 with `{ kill: true }`) and starts it again. */
  async restart(opts: { kill?: boolean; downMs?: number } = {}): Promise<void> {
    if (opts.kill) await this.kill();
    else await this.stop();
    if (opts.downMs) await new Promise((r) => setTimeout(r, opts.downMs));
    await this.launch();
  }

  /** Stops the server (kill -9 if it does not go) and removes its directory. */
  async destroy(): Promise<void> {
    if (this.child) {
      const child = this.child;
      const timer = setTimeout(() => this.killAll(this.postmasterPid() ?? child.pid!), 10_000);
      await this.halt('SIGINT').catch(() => undefined);
      clearTimeout(timer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
