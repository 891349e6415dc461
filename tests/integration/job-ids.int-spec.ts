import { Client } from 'pg';
import { jobId, jobIdSql, QueueName } from '@app/contracts';

const PG_BASE = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** The reconciler checks the outbox and dead letters by ids PostgreSQL computes; they must match. */
describe('job ids computed by PostgreSQL', () => {
  const client = new Client({ connectionString: `${PG_BASE}/postgres` });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it('are the ids jobId gives for the same key', async () => {
    const tip = '11111111-1111-4111-8111-111111111111';
    const { rows } = await client.query<{ stage: string; outcome: string }>(
      `SELECT ${jobIdSql(QueueName.Linkage, '$1::uuid')} AS stage,
              ${jobIdSql(QueueName.Outcomes, '$1::uuid', '$2::bigint')} AS outcome`,
      [tip, '9007199254740993'],
    );
    expect(rows[0]).toEqual({
      stage: jobId(QueueName.Linkage, tip),
      outcome: jobId(QueueName.Outcomes, tip, '9007199254740993'),
    });
  });
});
