import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QueueName } from '@app/contracts';
import { ProcessStack, userWithRole, waitFor } from '@tools/stack';
import { newTip, TestEnv, testStack, TestStack } from '@app/testing';

/**
 * A case's outcome job lost in Redis (wiped after the relay sent it, before the outcome worker
 * ran) is sent again by the reconciler: the linked tips end on the case's outcome.
 */
describe('reconciler: lost case outcomes', () => {
  let env: TestEnv;
  let stack: ProcessStack;
  let t: TestStack | undefined;
  let db: Client;

  beforeAll(async () => {
    t = await testStack('outcome_reconcile', (s) => s.startAll(), {
      env: { RECONCILE_INTERVAL_MS: '1000', STUCK_AFTER_MS: '2000', JOB_BACKOFF_MS: '100' },
    });
    ({ env, stack, db } = t);
  });

  afterAll(() => t?.cleanup());

  it('re-sends the outcome of a case whose tips are behind it and whose job is gone', async () => {
    const op = await userWithRole(stack.baseUrl, 'operator');
    const inv = await userWithRole(stack.baseUrl, 'investigator');
    const tip = await op.must<{ id: string }>(
      'POST',
      '/api/tips',
      newTip({ ward: 'Phường 8', category: 'theft' }),
      [202],
    );
    const tipId = tip.body.id;
    const arrestsOf = async () =>
      (await db.query<{ arrests: number }>(`SELECT arrests FROM tips WHERE id = $1`, [tipId]))
        .rows[0]?.arrests;
    await waitFor(
      async () =>
        (await db.query(`SELECT 1 FROM tips WHERE id = $1 AND stage = 'lead_open'`, [tipId]))
          .rowCount || undefined,
      20_000,
    );
    const lead = await inv.must<{ id: string }>('POST', '/api/leads/claim', {
      wards: ['Phường 8'],
    });
    const linked = await inv.must<{ case: { id: string } }>(
      'POST',
      `/api/leads/${lead.body.id}/link`,
      {
        newCase: {
          title: 'Trộm cắp tại Phường 8',
          kind: 'criminal',
          category: 'theft',
          severity: 'less_serious',
          ward: 'Phường 8',
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        },
      },
    );
    await inv.must(
      'POST',
      `/api/cases/${linked.body.case.id}/arrests`,
      { personName: 'Trần Văn B', arrestedAt: new Date().toISOString() },
      [201],
    );
    await waitFor(async () => ((await arrestsOf()) === 1 ? true : undefined), 20_000);

    // The job is lost (its queue wiped) and the projection it carried is not on the tips.
    const outcomes = new Queue(QueueName.Outcomes, {
      connection: { url: env.redisUrl },
      prefix: env.queuePrefix,
    });
    try {
      await outcomes.obliterate({ force: true });
    } finally {
      await outcomes.close();
    }
    await db.query(`UPDATE tips SET arrests = 0, case_status = NULL WHERE id = $1`, [tipId]);

    await waitFor(async () => ((await arrestsOf()) === 1 ? true : undefined), 20_000);
    const row = await db.query(`SELECT case_status FROM tips WHERE id = $1`, [tipId]);
    expect(row.rows[0]).toEqual({ case_status: 'open' });
  });
});
