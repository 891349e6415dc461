import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Daemon } from './daemon';
import { onPath } from './private-postgres';
import { freePort, waitFor } from './stack';

/** haproxy on the PATH (Debian puts it in /usr/sbin), or null. */
export function findHaproxy(env: NodeJS.ProcessEnv = process.env): string | null {
  return onPath('haproxy', `${env.PATH ?? ''}:/usr/sbin:/usr/local/sbin`);
}

/** One backend server and the HTTP route HAProxy asks to decide whether it takes traffic. */
export interface HaproxyServer {
  name: string;
  port: number;
  /** Port of the health check (Patroni's REST API); the server's own port when unset. */
  checkPort?: number;
}

export interface HaproxyListener {
  name: string;
  /** tcp: PostgreSQL's protocol passed through; http: requests balanced one by one. */
  mode: 'tcp' | 'http';
  /** GET path whose 200 marks a server up: /primary, /replica (Patroni), /health (the API). */
  check: string;
  servers: HaproxyServer[];
  /** Round robin (the API) or the first server that is up (the PostgreSQL primary). */
  balance: 'roundrobin' | 'first';
}

/**
 * The haproxy.cfg text of `listeners`, each bound to 127.0.0.1:`ports[i]`. Health checks every
 * 500 ms, down after 2 failures, up after 1 success; a server marked down has its sessions cut
 * (a client of a demoted PostgreSQL primary reconnects to the new one at once).
 */
export function haproxyConfig(listeners: HaproxyListener[], ports: number[]): string {
  const lines = [
    'global',
    '  maxconn 2000',
    'defaults',
    '  timeout connect 2s',
    '  timeout client 30m',
    '  timeout server 30m',
    '  timeout check 2s',
  ];
  listeners.forEach((l, i) => {
    lines.push(
      `listen ${l.name}`,
      `  bind 127.0.0.1:${ports[i]}`,
      `  mode ${l.mode}`,
      `  balance ${l.balance}`,
      `  option httpchk GET ${l.check}`,
      '  http-check expect status 200',
      '  default-server inter 500ms fall 2 rise 1 on-marked-down shutdown-sessions',
    );
    if (l.mode === 'http') {
      // A request that found its server dead before any answer goes to another one (the
      // client's Idempotency-Key makes a POST safe to send again).
      lines.push('  retries 2', '  option redispatch 1', '  retry-on conn-failure empty-response');
    }
    for (const s of l.servers) {
      const checkPort = s.checkPort && s.checkPort !== s.port ? ` port ${s.checkPort}` : '';
      lines.push(`  server ${s.name} 127.0.0.1:${s.port} check${checkPort}`);
    }
  });
  return `${lines.join('\n')}\n`;
}

/** HAProxy of the test's own: a temp dir, one free port per listener, all on 127.0.0.1. */
export class PrivateHaproxy {
  private daemon: Daemon | null = null;

  private constructor(
    readonly dir: string,
    readonly ports: number[],
    private readonly bin: string,
  ) {}

  static async start(listeners: HaproxyListener[]): Promise<PrivateHaproxy> {
    const bin = findHaproxy();
    if (!bin) throw new Error('haproxy is not installed (apt-get install haproxy)');
    const ports: number[] = [];
    for (let i = 0; i < listeners.length; i++) ports.push(await freePort());
    const h = new PrivateHaproxy(mkdtempSync(join(tmpdir(), 'tiptrace-haproxy-')), ports, bin);
    try {
      writeFileSync(join(h.dir, 'haproxy.cfg'), haproxyConfig(listeners, ports));
      // -db: stay in the foreground; -W: master-worker, so a kill of the master ends the worker.
      h.daemon = Daemon.spawn('haproxy', bin, ['-db', '-W', '-f', join(h.dir, 'haproxy.cfg')]);
      for (const port of ports) {
        await waitFor(
          async () => {
            if (!h.daemon!.alive) throw new Error('haproxy exited');
            return listening(port);
          },
          15_000,
          () => `haproxy on ${port}:\n${h.daemon!.output()}`,
        );
      }
      return h;
    } catch (err) {
      await h.destroy();
      throw err;
    }
  }

  port(listener: number): number {
    return this.ports[listener];
  }

  output(): string {
    return this.daemon?.output() ?? '';
  }

  async destroy(): Promise<void> {
    await this.daemon?.stop(5_000);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
export function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const sock = connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      done(true);
    });
    sock.once('error', () => done(false));
  });
}
