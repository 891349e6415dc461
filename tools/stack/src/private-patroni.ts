import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { children, Daemon, descendants, killPids } from './daemon';
import { PrivateHaproxy } from './private-haproxy';
import { findPostgresBin, onPath, postgresUser, runningAsRoot } from './private-postgres';
import { freePort, sleep, waitFor } from './stack';

/**
 * Patroni's timings for a private cluster: the leader key lives 15 s (a dead primary's key
 * expires 15 s after its last renewal), Patroni's loop runs every 2 s and gives etcd 6 s to
 * answer (loop_wait + 2 × retry_timeout must stay under the TTL; shorter ones made a primary on
 * a saturated 2-core machine demote itself when etcd answered late). Production keeps
 * Patroni's defaults (30 s / 10 s, docker/ha/patroni-*.yml): a longer TTL rides out a slow
 * etcd, at the cost of a longer wait before a dead primary is replaced.
 */
const TTL = 15;
const LOOP_WAIT = 2;
const RETRY_TIMEOUT = 6;

export interface PatroniNode {
  name: string;
  /** PostgreSQL's port. */
  port: number;
  /** Patroni's REST API (GET /primary answers 200 on the primary only). */
  restPort: number;
  dir: string;
  daemon: Daemon | null;
}

function patroniBin(): string | null {
  return onPath('patroni', `${process.env.PATH ?? ''}:/usr/bin`);
}

/**
 * A two-node PostgreSQL cluster of the test's own, run by Patroni: one etcd member as its store,
 * two Patroni nodes (PostgreSQL 15 in synchronous mode: a commit returns once the standby has it
 * on disk), HAProxy on one port that leads to the current primary (Patroni's GET /primary) and
 * on another to the standby (GET /replica). Everything on 127.0.0.1, free ports, a temp dir.
 *
 * `synchronous_mode_strict` is off, as in production: when the standby is gone, Patroni takes it
 * out of synchronous_standby_names and the primary goes on alone (its commits are then on one
 * server until the standby is back). Strict mode would stop every write instead.
 */
export const PATRONI_TTL_S = TTL;

export class PrivatePatroni {
  etcd: Daemon | null = null;
  haproxy: PrivateHaproxy | null = null;
  readonly nodes: PatroniNode[] = [];
  readonly scope: string;
  /** Every process started, killed ones included, for the logs. */
  private readonly started: Daemon[] = [];

  private constructor(
    readonly dir: string,
    private readonly etcdPort: number,
    private readonly etcdPeerPort: number,
    private readonly pgBin: string,
    private readonly patroni: string,
  ) {
    this.scope = `tt-${Math.random().toString(36).slice(2, 8)}`;
  }

  static async start(): Promise<PrivatePatroni> {
    const pgBin = findPostgresBin();
    if (!pgBin) throw new Error('no PostgreSQL server under /usr/lib/postgresql (set PG_BIN)');
    const patroni = patroniBin();
    if (!patroni) throw new Error('patroni is not installed (apt-get install patroni)');
    const etcd = onPath('etcd', `${process.env.PATH ?? ''}:/usr/bin`);
    if (!etcd) throw new Error('etcd is not installed (apt-get install etcd-server)');
    const dir = mkdtempSync(join(tmpdir(), 'tiptrace-patroni-'));
    const c = new PrivatePatroni(dir, await freePort(), await freePort(), pgBin, patroni);
    try {
      await c.startEtcd(etcd);
      for (const name of ['pg1', 'pg2']) {
        c.nodes.push({
          name,
          port: await freePort(),
          restPort: await freePort(),
          dir: join(dir, name),
          daemon: null,
        });
      }
      // The first node bootstraps the cluster; the second joins as its replica.
      c.startNode(c.nodes[0]);
      await waitFor(
        () => c.primary(),
        60_000,
        () => `pg1 to lead:\n${c.nodes[0].daemon?.output()}`,
      );
      c.startNode(c.nodes[1]);
      await c.waitSynchronous(90_000);
      c.haproxy = await PrivateHaproxy.start([
        {
          name: 'primary',
          mode: 'tcp',
          check: '/primary',
          balance: 'first',
          servers: c.nodes.map((n) => ({ name: n.name, port: n.port, checkPort: n.restPort })),
        },
        {
          name: 'standby',
          mode: 'tcp',
          check: '/replica',
          balance: 'first',
          servers: c.nodes.map((n) => ({ name: n.name, port: n.port, checkPort: n.restPort })),
        },
      ]);
      await waitFor(
        () => c.answers(c.url),
        30_000,
        () => 'haproxy to reach the primary',
      );
      return c;
    } catch (err) {
      await c.destroy();
      throw err;
    }
  }

  private track(d: Daemon): Daemon {
    this.started.push(d);
    return d;
  }

  /** What etcd, Patroni (and its PostgreSQL) and HAProxy printed, for a failed run. */
  logs(): string {
    return [
      ...this.started.map((d) => `===== ${d.name}\n${d.output(200_000)}`),
      `===== haproxy\n${this.haproxy?.output() ?? ''}`,
    ].join('\n');
  }

  /** postgres:// of the primary, through HAProxy. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.haproxy!.port(0)}`;
  }

  /** postgres:// of the standby, through HAProxy. */
  get readUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.haproxy!.port(1)}`;
  }

  database(name: string): string {
    return `${this.url}/${name}`;
  }

  readDatabase(name: string): string {
    return `${this.readUrl}/${name}`;
  }

  private async startEtcd(bin: string): Promise<void> {
    const client = `http://127.0.0.1:${this.etcdPort}`;
    const peer = `http://127.0.0.1:${this.etcdPeerPort}`;
    this.etcd = this.track(
      Daemon.spawn('etcd', bin, [
        '--name',
        'etcd1',
        '--data-dir',
        join(this.dir, 'etcd'),
        '--listen-client-urls',
        client,
        '--advertise-client-urls',
        client,
        '--listen-peer-urls',
        peer,
        '--initial-advertise-peer-urls',
        peer,
        '--initial-cluster',
        `etcd1=${peer}`,
        '--initial-cluster-state',
        'new',
        '--initial-cluster-token',
        this.scope,
      ]),
    );
    await waitFor(
      async () => {
        if (!this.etcd!.alive) throw new Error('etcd exited');
        const res = await fetch(`${client}/health`);
        return res.ok && ((await res.json()) as { health: string }).health === 'true';
      },
      30_000,
      () => `etcd on ${this.etcdPort}:\n${this.etcd!.output()}`,
    );
  }

  /** The node's patroni.yml (JSON is YAML). */
  private config(node: PatroniNode): object {
    return {
      scope: this.scope,
      namespace: '/tiptrace/',
      name: node.name,
      restapi: {
        listen: `127.0.0.1:${node.restPort}`,
        connect_address: `127.0.0.1:${node.restPort}`,
      },
      etcd3: { hosts: [`127.0.0.1:${this.etcdPort}`] },
      bootstrap: {
        dcs: {
          ttl: TTL,
          loop_wait: LOOP_WAIT,
          retry_timeout: RETRY_TIMEOUT,
          maximum_lag_on_failover: 1048576,
          synchronous_mode: true,
          synchronous_mode_strict: false,
          postgresql: {
            use_pg_rewind: true,
            use_slots: true,
            parameters: {
              max_connections: 300,
              shared_buffers: '64MB',
              // pg_rewind needs hint bits in the WAL to bring a failed primary back as a standby.
              wal_log_hints: 'on',
              // A killed server's writes are in the OS cache; fsync guards only a machine crash.
              fsync: 'off',
              synchronous_commit: 'on',
            },
          },
        },
        initdb: [{ encoding: 'UTF8' }, { locale: 'C' }, 'no-sync'],
      },
      postgresql: {
        listen: `127.0.0.1:${node.port}`,
        connect_address: `127.0.0.1:${node.port}`,
        data_dir: join(node.dir, 'data'),
        bin_dir: this.pgBin,
        pgpass: join(node.dir, 'pgpass'),
        remove_data_directory_on_rewind_failure: true,
        remove_data_directory_on_diverged_timelines: true,
        authentication: {
          superuser: { username: 'postgres', password: 'postgres' },
          replication: { username: 'replicator', password: 'replicator' },
        },
        parameters: { unix_socket_directories: node.dir },
        pg_hba: [
          'local all all trust',
          'host all all 127.0.0.1/32 trust',
          'host replication all 127.0.0.1/32 trust',
        ],
      },
      log: { level: 'INFO' },
    };
  }

  private startNode(node: PatroniNode): void {
    mkdirSync(node.dir, { recursive: true, mode: 0o700 });
    const file = join(node.dir, 'patroni.yml');
    writeFileSync(file, JSON.stringify(this.config(node), null, 2));
    if (runningAsRoot) {
      const user = postgresUser();
      if (!user) throw new Error('PostgreSQL refuses to run as root and there is no postgres user');
      chownSync(this.dir, user.uid, user.gid);
      chownSync(node.dir, user.uid, user.gid);
      chownSync(file, user.uid, user.gid);
    }
    node.daemon = runningAsRoot
      ? Daemon.spawn(node.name, 'runuser', ['-u', 'postgres', '--', this.patroni, file])
      : Daemon.spawn(node.name, this.patroni, [file]);
    this.started.push(node.daemon);
  }

  /** The node's role as its REST API says (`primary`, `replica`…), or null when it is down. */
  async role(node: PatroniNode): Promise<string | null> {
    try {
      const res = await fetch(`http://127.0.0.1:${node.restPort}/patroni`, {
        signal: AbortSignal.timeout(1000),
      });
      const body = (await res.json()) as { role?: string; state?: string };
      return body.state === 'running' ? (body.role ?? null) : null;
    } catch {
      return null;
    }
  }

  /** The node that answers 200 to GET /primary, or null. */
  async primary(): Promise<PatroniNode | null> {
    for (const node of this.nodes) {
      try {
        const res = await fetch(`http://127.0.0.1:${node.restPort}/primary`, {
          signal: AbortSignal.timeout(1000),
        });
        if (res.status === 200) return node;
      } catch {
        // down
      }
    }
    return null;
  }

  /** Waits until the primary names a synchronous standby that is streaming. */
  async waitSynchronous(timeoutMs: number): Promise<PatroniNode> {
    return waitFor(
      async () => {
        const p = await this.primary();
        if (!p) return false;
        const c = new Client({
          connectionString: `postgres://postgres@127.0.0.1:${p.port}/postgres`,
        });
        try {
          await c.connect();
          const { rows } = await c.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_stat_replication WHERE sync_state = 'sync' AND state = 'streaming'`,
          );
          return Number(rows[0].n) > 0 ? p : false;
        } finally {
          await c.end().catch(() => undefined);
        }
      },
      timeoutMs,
      () => `a synchronous standby:\n${this.nodes.map((n) => n.daemon?.output(1500)).join('\n')}`,
      250,
    );
  }

  private async answers(url: string): Promise<boolean> {
    const c = new Client({ connectionString: `${url}/postgres`, connectionTimeoutMillis: 2000 });
    try {
      await c.connect();
      await c.query('SELECT 1');
      return true;
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  private postmaster(node: PatroniNode): number[] {
    try {
      const pid = Number(
        readFileSync(join(node.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
      );
      return Number.isInteger(pid) && pid > 0 ? [pid, ...descendants(pid)] : [];
    } catch {
      return [];
    }
  }

  /**
   * kill -9 of a whole node, as when its machine dies: Patroni and its PostgreSQL server with
   * every backend, at once. Its leader key then expires after the TTL and the other node is
   * promoted.
   */
  async killNode(node: PatroniNode): Promise<void> {
    const pids = this.postmaster(node);
    await node.daemon?.kill9(pids);
    killPids(this.postmaster(node));
    node.daemon = null;
    await sleep(100);
  }

  /** Starts a killed node's Patroni again: it rewinds its old timeline and follows the primary. */
  restartNode(node: PatroniNode): void {
    if (node.daemon?.alive) return;
    this.startNode(node);
  }

  async destroy(): Promise<void> {
    await this.haproxy?.destroy().catch(() => undefined);
    for (const node of this.nodes) {
      if (!node.daemon) continue;
      // Patroni stops its PostgreSQL on SIGTERM; what is left after 15 s is killed.
      const patroni = runningAsRoot
        ? children(node.daemon.child.pid ?? 0)
        : [node.daemon.child.pid!];
      for (const pid of patroni) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // gone
        }
      }
      const timer = setTimeout(() => void node.daemon?.kill9(this.postmaster(node)), 15_000);
      await node.daemon.exited;
      clearTimeout(timer);
      killPids(this.postmaster(node));
    }
    await this.etcd?.stop(5_000);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
