import { DataSource } from 'typeorm';
import { testDatabase, TestDatabase } from '@app/testing';
import { StatisticsKeeper } from '../../apps/housekeeper/src/statistics.keeper';

/**
 * The housekeeper's statistics pass on a real PostgreSQL: a table that grew from empty is
 * analysed (the planner then knows its size), one full of dead rows is vacuumed, a table within
 * bounds is left alone, and a second replica does nothing while the first holds the pass. The
 * scratch tables have autovacuum off, so only the keeper can act on them.
 */
describe('housekeeper: statistics keeper', () => {
  let env: TestDatabase;
  let ds: DataSource;
  let keeper: StatisticsKeeper;

  interface Counts {
    modified: number;
    dead: number;
    analysed: boolean;
    vacuumed: boolean;
  }

  const stats = async (table: string) =>
    (
      await ds.query<Counts[]>(
        `SELECT n_mod_since_analyze::int AS modified, n_dead_tup::int AS dead,
                last_analyze IS NOT NULL AS analysed, last_vacuum IS NOT NULL AS vacuumed
         FROM pg_stat_user_tables WHERE relname = $1`,
        [table],
      )
    )[0];

  /** Waits until the server's counters show what the test's statements did (flushed within ~1 s). */
  const settled = async (table: string, done: (s: Counts) => boolean) => {
    for (let i = 0; i < 100; i++) {
      if (done(await stats(table))) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`statistics of ${table} never showed the change`);
  };

  const plannedRows = async (table: string) => {
    const [row] = await ds.query<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }[]>(
      `EXPLAIN (FORMAT JSON) SELECT * FROM ${table}`,
    );
    return row['QUERY PLAN'][0].Plan['Plan Rows'];
  };

  beforeAll(async () => {
    env = await testDatabase('statistics_keeper', 4);
    ds = env.ds;
    keeper = new StatisticsKeeper(ds);
    for (const t of ['grown', 'churned', 'quiet']) {
      await ds.query(
        `CREATE TABLE ${t} (id int PRIMARY KEY, body text) WITH (autovacuum_enabled = false)`,
      );
    }
    // Everything the migrations left behind is analysed first, so only the scratch tables count.
    await ds.query('ANALYZE');
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('analyses a table that grew, vacuums one full of dead rows, leaves a quiet one alone', async () => {
    await ds.query(`INSERT INTO quiet SELECT g, 'q' FROM generate_series(1, 500) g`);
    await ds.query(`INSERT INTO grown SELECT g, repeat('x', 40) FROM generate_series(1, 20000) g`);
    await ds.query(`INSERT INTO churned SELECT g, 'c' FROM generate_series(1, 30000) g`);
    await settled('churned', (s) => s.modified >= 30000); // counted before ANALYZE resets it
    await ds.query('ANALYZE churned');
    await ds.query(`DELETE FROM churned WHERE id > 10000`);
    await settled('grown', (s) => s.modified >= 20000);
    await settled('churned', (s) => s.dead >= 20000);
    await settled('quiet', (s) => s.modified >= 500);

    const done = await keeper.runOnce();

    const byTable = new Map(done.map((t) => [t.table, t]));
    expect(byTable.get('grown')).toMatchObject({ vacuum: false, modified: 20000 });
    expect(byTable.get('churned')).toMatchObject({ live: 10000, vacuum: true, dead: 20000 });
    expect(byTable.has('quiet')).toBe(false);
    expect(await stats('grown')).toMatchObject({ analysed: true, vacuumed: false, modified: 0 });
    expect(await stats('churned')).toMatchObject({ vacuumed: true, dead: 0 });
    expect((await stats('quiet')).modified).toBe(500); // not analysed again
    // The planner now knows the live rows (from the statistics the pass took).
    expect(Math.abs((await plannedRows('grown')) - 20000)).toBeLessThan(200);
    expect(Math.abs((await plannedRows('churned')) - 10000)).toBeLessThan(200);

    // Nothing left to do on the next pass.
    expect((await keeper.runOnce()).filter((t) => ['grown', 'churned'].includes(t.table))).toEqual(
      [],
    );
  });

  it('does nothing while another replica holds the pass', async () => {
    await ds.query(`INSERT INTO grown SELECT g, 'y' FROM generate_series(20001, 60000) g`);
    await settled('grown', (s) => s.modified >= 40000);
    const other = ds.createQueryRunner();
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock(hashtext('housekeeper:statistics'))`);
      expect(await keeper.runOnce()).toEqual([]);
      expect((await stats('grown')).modified).toBe(40000);
      await other.query(`SELECT pg_advisory_unlock(hashtext('housekeeper:statistics'))`);
    } finally {
      await other.release();
    }
    expect((await keeper.runOnce()).map((t) => t.table)).toContain('grown');
    expect((await stats('grown')).modified).toBe(0);
  });
});
