import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort, waitFor } from './stack';

/** One redis-server process (a data node or a sentinel) of the group. */
class RedisProcess {
  child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  readonly log: string[] = [];

  constructor(
    readonly port: number,
    private readonly bin: string,
    private readonly args: () => string[],
  ) {}

  get running(): boolean {
    return this.child !== null;
  }

  async start(): Promise<void> {
    const child = spawn(this.bin, this.args(), { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (c: Buffer) => {
      this.log.push(c.toString('utf8'));
      if (this.log.length > 200) this.log.shift();
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
        return (await ask(this.port, (c) => c.ping())) === 'PONG';
      },
      10_000,
      () => `redis-server on ${this.port} to answer:\n${this.log.join('').slice(-2000)}`,
    );
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await this.exited;
    this.child = null;
  }
}

/** One short-lived connection to 127.0.0.1:`port` for `fn`. */
async function ask<T>(port: number, fn: (c: Redis) => Promise<T>): Promise<T> {
  const c = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2000,
  });
  c.on('error', () => undefined);
  try {
    await c.connect();
    return await fn(c);
  } finally {
    c.disconnect();
  }
}

/**
 * A Redis master, its replica and three sentinels of the test's own, on free 127.0.0.1 ports, in a
 * temp dir, with no persistence (PostgreSQL is the record), as a Sentinel deployment runs them.
 * A test kills the master (-9) and watches the sentinels promote the replica.
 */
export class PrivateSentinel {
  /** The master name the sentinels watch (REDIS_SENTINEL_NAME). */
  readonly name = 'tiptrace';
  private readonly nodes: RedisProcess[] = [];
  private readonly sentinels: RedisProcess[] = [];

  private constructor(
    readonly dir: string,
    private readonly bin: string,
  ) {}

  /**
   * Starts the master, `replicas` replicas and `sentinels` sentinels (quorum: a majority), and
   * waits until every sentinel sees every replica and the other sentinels. A start that fails
   * removes what it made.
   */
  static async start(
    opts: { bin?: string; replicas?: number; sentinels?: number; downAfterMs?: number } = {},
  ): Promise<PrivateSentinel> {
    const s = new PrivateSentinel(
      mkdtempSync(join(tmpdir(), 'tiptrace-sentinel-')),
      opts.bin ?? 'redis-server',
    );
    try {
      await s.launch(opts.replicas ?? 1, opts.sentinels ?? 3, opts.downAfterMs ?? 1500);
      return s;
    } catch (err) {
      await s.destroy();
      throw err;
    }
  }

  private async launch(replicas: number, sentinels: number, downAfterMs: number): Promise<void> {
    const nodeArgs = (port: number, dir: string) => [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
    ];
    const masterPort = await freePort();
    for (let i = 0; i <= replicas; i++) {
      const port = i === 0 ? masterPort : await freePort();
      const dir = join(this.dir, `node-${port}`);
      mkdirSync(dir);
      // A node restarted after a kill comes back as an empty master: the sentinels turn it into
      // a replica of whichever node is the master by then.
      let first = true;
      const node = new RedisProcess(port, this.bin, () => {
        const args = nodeArgs(port, dir);
        if (first && i > 0) args.push('--replicaof', '127.0.0.1', String(masterPort));
        first = false;
        return args;
      });
      this.nodes.push(node);
      await node.start();
    }
    await waitFor(
      async () =>
        (await ask(masterPort, (c) => c.info('replication'))).includes(
          `connected_slaves:${replicas}`,
        ),
      15_000,
      () => `${replicas} replica(s) to connect to the master`,
    );
    const quorum = Math.floor(sentinels / 2) + 1;
    for (let i = 0; i < sentinels; i++) {
      const port = await freePort();
      const dir = join(this.dir, `sentinel-${port}`);
      mkdirSync(dir);
      const conf = join(dir, 'sentinel.conf');
      writeFileSync(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${this.name} 127.0.0.1 ${masterPort} ${quorum}`,
          `sentinel down-after-milliseconds ${this.name} ${downAfterMs}`,
          `sentinel failover-timeout ${this.name} 10000`,
          `sentinel parallel-syncs ${this.name} 1`,
          '',
        ].join('\n'),
      );
      const sentinel = new RedisProcess(port, this.bin, () => [conf, '--sentinel']);
      this.sentinels.push(sentinel);
      await sentinel.start();
    }
    await waitFor(
      async () => {
        for (const s of this.sentinels) {
          const info = toMap(
            (await ask(s.port, (c) => c.call('SENTINEL', 'master', this.name))) as string[],
          );
          if (Number(info['num-slaves']) < replicas) return false;
          if (Number(info['num-other-sentinels']) < sentinels - 1) return false;
        }
        return true;
      },
      30_000,
      () => 'every sentinel to see the replicas and the other sentinels',
      250,
    );
  }

  /** REDIS_SENTINELS and REDIS_SENTINEL_NAME for the processes. */
  env(): Record<string, string> {
    return {
      REDIS_SENTINELS: this.sentinels.map((s) => `127.0.0.1:${s.port}`).join(','),
      REDIS_SENTINEL_NAME: this.name,
    };
  }

  /** REDIS_URL: with the sentinels set, only its user, password and db are read (none here). */
  get url(): string {
    return `redis://127.0.0.1:${this.nodes[0].port}`;
  }

  /** The master's port, as the first sentinel that answers names it. */
  async masterPort(): Promise<number> {
    for (const s of this.sentinels) {
      if (!s.running) continue;
      try {
        const addr = (await ask(s.port, (c) =>
          c.call('SENTINEL', 'get-master-addr-by-name', this.name),
        )) as [string, string] | null;
        if (addr) return Number(addr[1]);
      } catch {
        // try the next sentinel
      }
    }
    throw new Error('no sentinel answered');
  }

  /** The master's role as the node itself reports it ('master' or 'slave'), or null if down. */
  async role(port: number): Promise<string | null> {
    try {
      const r = (await ask(port, (c) => c.call('ROLE'))) as [string, ...unknown[]];
      return r[0];
    } catch {
      return null;
    }
  }

  /** kill -9 of the current master; returns its port. */
  async killMaster(): Promise<number> {
    const port = await this.masterPort();
    const node = this.nodes.find((n) => n.port === port);
    if (!node) throw new Error(`the master ${port} is not one of this group's nodes`);
    await node.kill();
    return port;
  }

  /**
   * Waits until every sentinel names a master other than `oldPort` and that node says it is the
   * master; returns its port.
   */
  async waitForFailover(oldPort: number, timeoutMs = 60_000): Promise<number> {
    return waitFor(
      async () => {
        const ports = new Set<number>();
        for (const s of this.sentinels) {
          const addr = (await ask(s.port, (c) =>
            c.call('SENTINEL', 'get-master-addr-by-name', this.name),
          )) as [string, string];
          ports.add(Number(addr[1]));
        }
        const [port] = [...ports];
        if (ports.size !== 1 || port === oldPort) return false;
        return (await this.role(port)) === 'master' ? port : false;
      },
      timeoutMs,
      () => `the sentinels to promote a replica in place of ${oldPort}`,
      100,
    );
  }

  /** Starts a killed node again (empty); the sentinels make it a replica of the master. */
  async restartNode(port: number): Promise<void> {
    const node = this.nodes.find((n) => n.port === port);
    if (!node) throw new Error(`no node on ${port}`);
    if (!node.running) await node.start();
  }

  /** Waits until `port` replicates the current master with its link up. */
  async waitForReplica(port: number, timeoutMs = 60_000): Promise<void> {
    await waitFor(
      async () => {
        const info = await ask(port, (c) => c.info('replication'));
        return info.includes('role:slave') && info.includes('master_link_status:up');
      },
      timeoutMs,
      () => `${port} to replicate the new master`,
      250,
    );
  }

  /** Logs of every node and sentinel, for a failed run. */
  logs(): string {
    return [...this.nodes, ...this.sentinels]
      .map((p) => `--- ${p.port}\n${p.log.join('')}`)
      .join('\n');
  }

  /** Stops every process and removes the directory. */
  async destroy(): Promise<void> {
    for (const p of [...this.sentinels, ...this.nodes]) await p.kill().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function toMap(flat: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]] = flat[i + 1];
  return out;
}
