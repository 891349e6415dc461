import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { onPath } from './private-postgres';
import { freePort, waitFor } from './stack';

/** redis-server on the PATH, or null. */
export function findRedisServer(env: NodeJS.ProcessEnv = process.env): string | null {
  return onPath('redis-server', env.PATH);
}

/**
 * A Redis of its own on a free port, in a temp dir, with no persistence, which a test may kill
 * and start again.
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly log: string[] = [];

  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly bin: string,
  ) {}

  /** `bin` defaults to redis-server on the PATH. A start that fails removes what it made. */
  static async start(opts: { bin?: string } = {}): Promise<PrivateRedis> {
    const r = new PrivateRedis(
      await freePort(),
      mkdtempSync(join(tmpdir(), 'tiptrace-redis-')),
      opts.bin ?? 'redis-server',
    );
    try {
      await r.restart();
      return r;
    } catch (err) {
      await r.destroy();
      throw err;
    }
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again, after kill()). */
  async restart(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir];
    const child = spawn(this.bin, [...args, '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (c: Buffer) => {
      this.log.push(c.toString('utf8'));
      if (this.log.length > 100) this.log.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
    this.exited = new Promise<void>((r) => {
      child.once('exit', () => r());
      child.once('error', (err) => {
        this.log.push(`${err.message}\n`);
        r();
      });
    });
    void this.exited.then(() => {
      if (this.child === child) this.child = null;
    });
    await waitFor(
      async () => {
        if (this.child !== child) {
          throw new Error(`redis-server exited:\n${this.log.join('').slice(-2000)}`);
        }
        const c = new Redis(this.url, {
          lazyConnect: true,
          maxRetriesPerRequest: 0,
          retryStrategy: () => null,
        });
        c.on('error', () => undefined); // not up yet: connect() rejects, and we try again
        try {
          await c.connect();
          return (await c.ping()) === 'PONG';
        } finally {
          c.disconnect();
        }
      },
      10_000,
      () => `redis-server on ${this.port} to answer:\n${this.log.join('').slice(-2000)}`,
    );
  }

  /** kill -9 (it keeps nothing on disk). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await this.exited;
    this.child = null;
  }

  async flushAll(): Promise<void> {
    const c = new Redis(this.url, { maxRetriesPerRequest: 1 });
    try {
      await c.flushall();
    } finally {
      c.disconnect();
    }
  }

  /** Stops the server and removes its directory. */
  async destroy(): Promise<void> {
    await this.kill().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
