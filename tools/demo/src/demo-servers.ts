import { connect, createServer } from 'node:net';
import Redis from 'ioredis';
import { Client } from 'pg';
import {
  findPostgresBin,
  findRedisServer,
  PrivatePostgres,
  PrivateRedis,
  postgresUser,
  runningAsRoot,
} from '@tools/stack';
import { prefixKeys } from '@tools/bench';

/** The demo's trigram and integer-array indexes need these (Debian's postgresql package has them). */
const EXTENSIONS = ['pg_trgm', 'intarray'];

const STOPPED = 'stopped while starting the private servers';

/** A setup problem the demo explains in one line per server, without a stack trace. */
export class DemoSetupError extends Error {}

export interface ServerWanted {
  /** The URL the configuration gives. */
  url: string;
  /** The variable to set to another server (named in the message when there is no binary). */
  variable: string;
}

export interface ServerProbes {
  /** Whether something accepts a TCP connection at host:port. */
  answers(host: string, port: number): Promise<boolean>;
  /** The PostgreSQL server binaries' directory, or null. */
  postgresBin(): string | null;
  /** redis-server, or null. */
  redisServer(): string | null;
  /** Whether root may run initdb (a postgres user to run it as); irrelevant when not root. */
  postgresUserExists(): boolean;
}

export const SYSTEM_PROBES: ServerProbes = {
  answers: (host, port) => answersAt(host, port),
  postgresBin: () => findPostgresBin(),
  redisServer: () => findRedisServer(),
  postgresUserExists: () => !runningAsRoot || postgresUser() !== null,
};

/** TCP connect within `timeoutMs`: a server that answers, whatever it then says. */
export function answersAt(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((done) => {
    const sock = connect({ host, port });
    const finish = (ok: boolean) => {
      sock.destroy();
      done(ok);
    };
    sock.setTimeout(timeoutMs, () => finish(false));
    sock.once('connect', () => finish(true));
    sock.once('error', () => finish(false));
  });
}

/** host:port of a postgres:// or redis:// URL, with the clients' defaults. */
export function hostPort(url: string, defaultPort: number): { host: string; port: number } {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost';
  return { host, port: u.port ? Number(u.port) : defaultPort };
}

const where = ({ host, port }: { host: string; port: number }) => `${host}:${port}`;

/** The line that says what to install and what to set when a server neither answers nor can start. */
export function missingServerMessage(
  server: 'postgres' | 'redis',
  at: string,
  variable: string,
  reason: 'no-binaries' | 'root-without-postgres-user' = 'no-binaries',
): string {
  if (server === 'redis') {
    return `Redis is not reachable at ${at} and redis-server was not found: apt-get install redis-server, or set ${variable}`;
  }
  return reason === 'root-without-postgres-user'
    ? `PostgreSQL is not reachable at ${at} and initdb will not run as root with no postgres user to run it as: useradd --system postgres, or set ${variable}`
    : `PostgreSQL is not reachable at ${at} and no server binaries were found: apt-get install postgresql postgresql-contrib, or set ${variable}`;
}

/**
 * The PostgreSQL and Redis the demo runs on: the configured ones when they answer, otherwise
 * private ones started from the installed binaries (temp dirs, free ports on 127.0.0.1) and
 * removed by stop(). stop() may be called at any time, also while a server is starting.
 */
export class DemoServers {
  databaseUrl = '';
  redisUrl = '';
  postgres: PrivatePostgres | null = null;
  redis: PrivateRedis | null = null;
  private starting: Promise<unknown>[] = [];
  private stopped = false;

  constructor(private readonly probes: ServerProbes = SYSTEM_PROBES) {}

  /**
   * Resolves both URLs, starting what is missing; `say` gets one line per private server. Throws
   * DemoSetupError, before starting anything, when a server is missing and cannot be started.
   */
  async resolve(
    want: { database: ServerWanted; redis: ServerWanted },
    say: (line: string) => void = () => undefined,
  ): Promise<void> {
    const pgAt = hostPort(want.database.url, 5432);
    const redisAt = hostPort(want.redis.url, 6379);
    const [pgUp, redisUp] = await Promise.all([
      this.probes.answers(pgAt.host, pgAt.port),
      this.probes.answers(redisAt.host, redisAt.port),
    ]);
    const pgBin = pgUp ? null : this.probes.postgresBin();
    const redisBin = redisUp ? null : this.probes.redisServer();
    const problems: string[] = [];
    if (!pgUp) {
      if (!pgBin)
        problems.push(missingServerMessage('postgres', where(pgAt), want.database.variable));
      else if (!this.probes.postgresUserExists()) {
        problems.push(
          missingServerMessage(
            'postgres',
            where(pgAt),
            want.database.variable,
            'root-without-postgres-user',
          ),
        );
      }
    }
    if (!redisUp && !redisBin) {
      problems.push(missingServerMessage('redis', where(redisAt), want.redis.variable));
    }
    if (problems.length > 0) throw new DemoSetupError(problems.join('\n'));
    if (this.stopped) throw new DemoSetupError(STOPPED);

    this.databaseUrl = want.database.url;
    this.redisUrl = want.redis.url;
    const started: Promise<void>[] = [];
    if (!pgUp) {
      started.push(
        this.adopt(
          PrivatePostgres.start({ bin: pgBin! }),
          `PostgreSQL did not answer at ${where(pgAt)} and a private one from ${pgBin} did not start`,
          async (pg) => {
            this.postgres = pg;
            await checkExtensions(pg, where(pgAt), want.database.variable);
            const u = new URL(want.database.url);
            this.databaseUrl = pg.database(u.pathname.slice(1) || 'tiptrace');
            say(
              `PostgreSQL did not answer at ${where(pgAt)}: started a private one on 127.0.0.1:${pg.port} for this run`,
            );
          },
        ),
      );
    }
    if (!redisUp) {
      started.push(
        this.adopt(
          PrivateRedis.start({ bin: redisBin! }),
          `Redis did not answer at ${where(redisAt)} and a private one from ${redisBin} did not start`,
          (redis) => {
            this.redis = redis;
            this.redisUrl = redis.url;
            say(
              `Redis did not answer at ${where(redisAt)}: started a private one on 127.0.0.1:${redis.port} for this run`,
            );
            return Promise.resolve();
          },
        ),
      );
    }
    const results = await Promise.allSettled(started);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Whether a private server was started (stop() removes it). */
  get anyPrivate(): boolean {
    return this.postgres !== null || this.redis !== null;
  }

  /** Stops and removes the private servers, including one still starting. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled(this.starting);
    const pg = this.postgres;
    const redis = this.redis;
    this.postgres = null;
    this.redis = null;
    const servers: (PrivatePostgres | PrivateRedis)[] = [];
    if (pg) servers.push(pg);
    if (redis) servers.push(redis);
    await Promise.allSettled(servers.map((s) => s.destroy()));
  }

  /** Keeps a server that finished starting, or removes it at once when stop() came first. */
  private adopt<S extends PrivatePostgres | PrivateRedis>(
    starting: Promise<S>,
    failed: string,
    use: (server: S) => Promise<void>,
  ): Promise<void> {
    const done = starting.then(
      async (server) => {
        if (this.stopped) {
          await server.destroy();
          throw new DemoSetupError(STOPPED);
        }
        try {
          await use(server);
        } catch (err) {
          if (this.postgres === server) this.postgres = null;
          if (this.redis === server) this.redis = null;
          await server.destroy();
          throw err;
        }
      },
      (err: unknown) => {
        const why = err instanceof Error ? err.message : String(err);
        throw new DemoSetupError(`${failed}: ${why.trim().split('\n').slice(-3).join(' ')}`);
      },
    );
    this.starting.push(done);
    return done;
  }
}

/** A private server without the contrib extensions would fail at the first migration. */
async function checkExtensions(pg: PrivatePostgres, at: string, variable: string): Promise<void> {
  const c = new Client({ connectionString: pg.database('postgres') });
  await c.connect();
  try {
    const { rows } = await c.query<{ name: string }>(
      'SELECT name FROM pg_available_extensions WHERE name = ANY($1)',
      [EXTENSIONS],
    );
    const missing = EXTENSIONS.filter((e) => !rows.some((r) => r.name === e));
    if (missing.length > 0) {
      throw new DemoSetupError(
        `PostgreSQL is not reachable at ${at} and the installed server has no ${missing.join(' or ')}: apt-get install postgresql-contrib, or set ${variable}`,
      );
    }
  } finally {
    await c.end();
  }
}

/** Whether nothing listens on `port` yet (the API binds every interface). */
function portFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const srv = createServer();
    srv.once('error', () => done(false));
    srv.listen(port, () => srv.close(() => done(true)));
  });
}

/** The API's port: PORT when set (refused in one line when taken), otherwise undefined (a free one). */
export async function demoPort(env: NodeJS.ProcessEnv = process.env): Promise<number | undefined> {
  const raw = env.PORT?.trim();
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DemoSetupError(`PORT must be a port number (1-65535), not "${raw}"`);
  }
  if (!(await portFree(port))) {
    throw new DemoSetupError(
      `PORT ${port} is in use: stop what listens there, set PORT to a free port, or unset it for any free port`,
    );
  }
  return port;
}

/** Deletes every key under `prefix:` (the demo's queues, rate limits and caches); their count. */
export async function removeQueueKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    return await prefixKeys(redis, prefix, true);
  } finally {
    redis.disconnect();
  }
}
