import { ChildProcess, execFileSync, spawn } from 'node:child_process';

/** The pids of `pid`'s children. */
export function children(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)])
      .toString()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** The pids of `pid`'s children, grandchildren… */
export function descendants(pid: number): number[] {
  return children(pid).flatMap((c) => [c, ...descendants(c)]);
}

/** SIGKILL to every pid at once (collected first, so that none is restarted by another). */
export function killPids(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/**
 * One server process of a private engine (etcd, Patroni, HAProxy): spawned in the foreground,
 * its last output kept for a failed start's message, killed with its whole process tree.
 */
export class Daemon {
  private readonly log: string[] = [];
  readonly exited: Promise<void>;
  private done = false;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const keep = (c: Buffer) => {
      this.log.push(c.toString('utf8'));
      if (this.log.length > 2000) this.log.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise<void>((r) => {
      child.once('exit', () => r());
      child.once('error', (err) => {
        this.log.push(`${err.message}\n`);
        r();
      });
    });
    void this.exited.then(() => {
      this.done = true;
      if (process.env.DAEMON_DEBUG) {
        process.stderr.write(
          `[${name} exited ${child.exitCode} ${child.signalCode}]\n${this.output()}\n`,
        );
      }
    });
  }

  static spawn(name: string, cmd: string, args: string[], env?: NodeJS.ProcessEnv): Daemon {
    return new Daemon(
      name,
      spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: env ?? process.env }),
    );
  }

  get alive(): boolean {
    return !this.done;
  }

  output(chars = 3000): string {
    return this.log.join('').slice(-chars);
  }

  /** The process and everything it started (as far as they are still its descendants). */
  tree(): number[] {
    const pid = this.child.pid;
    return pid ? [pid, ...descendants(pid)] : [];
  }

  /** kill -9 of the whole tree (plus `extra` pids, e.g. a reparented postmaster and its children). */
  async kill9(extra: number[] = []): Promise<void> {
    killPids([...this.tree(), ...extra]);
    await this.exited;
  }

  /** SIGTERM to the process, SIGKILL to its tree after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.alive) return;
    const timer = setTimeout(() => killPids(this.tree()), graceMs);
    try {
      this.child.kill('SIGTERM');
    } catch {
      // gone
    }
    await this.exited;
    clearTimeout(timer);
  }
}
