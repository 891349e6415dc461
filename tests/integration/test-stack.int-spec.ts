import { Client } from 'pg';
import { testStack } from '@app/testing';

const PG_BASE = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** The end-to-end tests' set-up leaves nothing behind when a step fails (real PostgreSQL). */
describe('testStack', () => {
  const exists = async (name: string) => {
    const admin = new Client({ connectionString: `${PG_BASE}/postgres` });
    await admin.connect();
    try {
      return (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount;
    } finally {
      await admin.end();
    }
  };

  it('drops the database it made when starting fails, and throws the failure', async () => {
    let made = '';
    await expect(
      testStack('test_stack_fail', async (stack) => {
        await stack.migrate();
        made = new URL(stack.env().DATABASE_URL!).pathname.slice(1);
        expect(await exists(made)).toBe(1);
        throw new Error('a process did not start');
      }),
    ).rejects.toThrow('a process did not start');
    expect(made).toMatch(/^tt_test_stack_fail_/);
    expect(await exists(made)).toBe(0);
  });

  it('gives a client on the database the stack migrated, and takes both away on cleanup', async () => {
    const t = await testStack('test_stack_ok', (stack) => stack.migrate());
    const name = new URL(t.env.databaseUrl).pathname.slice(1);
    const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM tips`);
    expect(rows).toEqual([{ n: 0 }]);
    await t.cleanup();
    expect(await exists(name)).toBe(0);
  });
});
