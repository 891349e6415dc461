import { Pool } from 'pg';
import { MarkedPreparingClient, prepareDatabase, PREPARED, PreparingClient } from '@app/database';
import { newTestEnv, TestEnv } from '@app/testing';

/** Which statements a connection keeps prepared, read from PostgreSQL's own list. */
describe('prepared statements', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = newTestEnv('preparing_client');
    await prepareDatabase(env.databaseUrl);
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  const preparedOn = async (client: typeof PreparingClient) => {
    const pool = new Pool({ connectionString: env.databaseUrl, max: 1, Client: client });
    try {
      for (let i = 0; i < 2; i++) {
        await pool.query(`${PREPARED}SELECT $1::int + 1 AS n`, [i]);
        await pool.query(`SELECT $1::int + 2 AS n`, [i]);
      }
      const { rows } = await pool.query<{ statement: string }>(
        `SELECT statement FROM pg_prepared_statements ORDER BY statement`,
      );
      return rows.map((r) => r.statement);
    } finally {
      await pool.end();
    }
  };

  it('prepares every parameterised statement, or only the marked ones', async () => {
    expect(await preparedOn(PreparingClient)).toEqual([
      `${PREPARED}SELECT $1::int + 1 AS n`,
      'SELECT $1::int + 2 AS n',
    ]);
    expect(await preparedOn(MarkedPreparingClient)).toEqual([`${PREPARED}SELECT $1::int + 1 AS n`]);
  });
});
