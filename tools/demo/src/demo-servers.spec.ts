import {
  DemoServers,
  DemoSetupError,
  demoPort,
  hostPort,
  missingServerMessage,
  ServerProbes,
} from './demo-servers';

const WANT = {
  database: { url: 'postgres://postgres@127.0.0.1:5499/tiptrace_demo', variable: 'DATABASE_URL' },
  redis: { url: 'redis://127.0.0.1:6399', variable: 'REDIS_URL' },
};

/** A machine where nothing answers and no server binaries are installed. */
function bareMachine(overrides: Partial<ServerProbes> = {}): ServerProbes {
  return {
    answers: () => Promise.resolve(false),
    postgresBin: () => null,
    redisServer: () => null,
    postgresUserExists: () => true,
    ...overrides,
  };
}

async function setupError(probes: ServerProbes): Promise<string> {
  const err = await new DemoServers(probes).resolve(WANT).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DemoSetupError);
  return (err as Error).message;
}

describe('demo servers: what to install and what to set', () => {
  it('says in one line per server what to install and which variable to set', async () => {
    const message = await setupError(bareMachine());
    expect(message.split('\n')).toEqual([
      'PostgreSQL is not reachable at 127.0.0.1:5499 and no server binaries were found: apt-get install postgresql postgresql-contrib, or set DATABASE_URL',
      'Redis is not reachable at 127.0.0.1:6399 and redis-server was not found: apt-get install redis-server, or set REDIS_URL',
    ]);
  });

  it('names only the server that is missing, and starts nothing when one cannot start', async () => {
    const message = await setupError(
      bareMachine({
        answers: (_host, port) => Promise.resolve(port === 5499),
        postgresBin: () => {
          throw new Error('PostgreSQL answers: its binaries are not looked for');
        },
      }),
    );
    expect(message).toBe(missingServerMessage('redis', '127.0.0.1:6399', 'REDIS_URL'));
  });

  it('names the variable the demo read the database from', async () => {
    const servers = new DemoServers(
      bareMachine({ answers: (_h, p) => Promise.resolve(p !== 5499) }),
    );
    const err = await servers
      .resolve({ ...WANT, database: { ...WANT.database, variable: 'DEMO_DATABASE_URL' } })
      .catch((e: Error) => e);
    expect((err as Error).message).toMatch(/, or set DEMO_DATABASE_URL$/);
  });

  it('tells root with no postgres user how to get one', async () => {
    const message = await setupError(
      bareMachine({
        answers: (_h, p) => Promise.resolve(p === 6399),
        postgresBin: () => '/usr/lib/postgresql/15/bin',
        postgresUserExists: () => false,
      }),
    );
    expect(message).toBe(
      'PostgreSQL is not reachable at 127.0.0.1:5499 and initdb will not run as root with no postgres user to run it as: useradd --system postgres, or set DATABASE_URL',
    );
  });

  it('uses the configured servers as they are when both answer', async () => {
    const servers = new DemoServers(bareMachine({ answers: () => Promise.resolve(true) }));
    const said: string[] = [];
    await servers.resolve(WANT, (line) => said.push(line));
    expect([servers.databaseUrl, servers.redisUrl, said]).toEqual([
      WANT.database.url,
      WANT.redis.url,
      [],
    ]);
    expect(servers.anyPrivate).toBe(false);
    await servers.stop();
  });
});

describe('demo servers: addresses and PORT', () => {
  it('reads host and port with the clients’ defaults', () => {
    expect(hostPort('postgres://u:secret@db.example:6000/x', 5432)).toEqual({
      host: 'db.example',
      port: 6000,
    });
    expect(hostPort('postgres:///tiptrace', 5432)).toEqual({ host: 'localhost', port: 5432 });
    expect(hostPort('redis://[::1]', 6379)).toEqual({ host: '::1', port: 6379 });
  });

  it('takes PORT when set, a free port (undefined) when not, and refuses a bad one', async () => {
    await expect(demoPort({})).resolves.toBeUndefined();
    await expect(demoPort({ PORT: '' })).resolves.toBeUndefined();
    await expect(demoPort({ PORT: 'http' })).rejects.toThrow('PORT must be a port number');
    await expect(demoPort({ PORT: '70000' })).rejects.toThrow(DemoSetupError);
  });
});
