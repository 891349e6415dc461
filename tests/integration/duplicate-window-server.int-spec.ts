import { DataSource } from 'typeorm';
import { dataSourceOptions, prepareDatabase } from '@app/database';
import { DuplicatesRepository } from '@app/triage';
import { PrivatePostgres } from '@tools/stack';

/**
 * The duplicate search's window in triage's memory is kept as of a snapshot, and a snapshot's
 * transaction ids mean something on one server's life only: a crash can lose the last commits
 * (triage commits without waiting for the disk) and give their ids out again. The look's
 * statement names the server's life; here a real server is crashed (a backend killed, so the
 * postmaster stays and recovers) and then restarted, and the name must change each time. A
 * server of this test's own.
 */
describe('duplicate window: the server a look was read on', () => {
  let pg: PrivatePostgres;
  let ds: DataSource;
  const repo = new DuplicatesRepository();

  beforeAll(async () => {
    pg = await PrivatePostgres.start();
    const url = pg.database('window_server');
    await prepareDatabase(url);
    ds = new DataSource(dataSourceOptions(url, 2));
    await ds.initialize();
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy().catch(() => undefined);
    await pg?.destroy();
  });

  const look = async () => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await repo.windowLook(ds.manager, null, null, [], []);
      } catch (err) {
        // Connections of the pool that the crash ended, and the recovery itself.
        if (attempt > 60) throw err;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };

  it('names another life after a crash recovery and after a restart', async () => {
    const first = await look();
    expect(first.snapshot).toMatch(/^\d+:\d+:/);
    expect((await look()).server).toBe(first.server);

    const [{ pid }] = await ds.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
    process.kill(pid, 'SIGKILL');
    const recovered = await look();
    expect(recovered.server).not.toBe(first.server);

    await pg.restart();
    const restarted = await look();
    expect(restarted.server).not.toBe(recovered.server);
  }, 120_000);
});
