import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, waitFor } from '@app/stack';

/** The newest PostgreSQL server binaries installed (Debian layout), or PG_BIN. */
function pgBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error(`no PostgreSQL server under ${base} (set PG_BIN)`);
  return join(base, versions[0], 'bin');
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a PostgreSQL binary as the postgres user when we are root (initdb and postgres refuse root). */
function asPostgres(bin: string, args: string[]): { cmd: string; args: string[] } {
  return isRoot
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
  ) {}

  static async start(): Promise<PrivatePostgres> {
    const bin = pgBin();
    const dir = mkdtempSync(join(tmpdir(), 'tiptrace-pg-'));
    const data = join(dir, 'data');
    if (isRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dir, uid, gid);
    }
    const init = asPostgres(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    execFileSync(init.cmd, init.args, { stdio: 'pipe' });
    const pg = new PrivatePostgres(dir, await freePort(), bin);
    await pg.launch();
    return pg;
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
      'listen_addresses=127.0.0.1',
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
    ]);
    const child = spawn(run.cmd, run.args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (c: Buffer) => {
      this.log.push(c.toString('utf8'));
      if (this.log.length > 200) this.log.shift();
    });
    this.child = child;
    this.exited = new Promise((r) => child.once('exit', () => r()));
    void this.exited.then(() => {
      if (this.child === child) this.child = null;
    });
    await waitFor(
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
  }

  private async halt(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    // Signals go to the postmaster itself (runuser does not pass them all on).
    const postmaster = this.postmasterPid() ?? child.pid!;
    if (signal === 'SIGKILL') this.killAll(postmaster);
    else process.kill(postmaster, signal);
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
