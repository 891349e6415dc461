import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QueueName } from '@app/contracts';
import { ProcessStack, userWithRole, waitFor } from '@tools/stack';
import { newTip, TestEnv, testStack, TestStack } from '@app/testing';

/**
 * A notifications job lost in Redis (wiped after the relay sent it, before the outcome worker
 * ran it) is sent again by the reconciler: the people concerned are told, once each.
 */
describe('reconciler: lost notifications', () => {
  let env: TestEnv;
  let stack: ProcessStack;
  let db: Client;
  let t: TestStack | undefined;

  beforeAll(async () => {
    // Everything but the outcome worker, which runs the notifications jobs: started later.
    t = await testStack(
      'notification_reconcile',
      async (s) => {
        await s.start('api');
        await Promise.all(
          (['triage-worker', 'linkage-worker', 'dispatcher', 'housekeeper'] as const).map((app) =>
            s.start(app),
          ),
        );
      },
      { env: { RECONCILE_INTERVAL_MS: '1000', STUCK_AFTER_MS: '2000', JOB_BACKOFF_MS: '100' } },
    );
    ({ env, stack, db } = t);
  });

  afterAll(() => t?.cleanup());

  it("tells an urgent lead's people once the job lost in Redis is sent again", async () => {
    const op = await userWithRole(stack.baseUrl, 'operator');
    const inv = await userWithRole(stack.baseUrl, 'investigator');
    const sup = await userWithRole(stack.baseUrl, 'supervisor');
    const tip = await op.must<{ id: string }>(
      'POST',
      '/api/tips',
      newTip({
        ward: 'Phường 13',
        description: 'Có người đang cầm dao đâm người trước chợ, mau lên',
      }),
      [202],
    );
    const [{ lead_id: leadId }] = await waitFor(async () => {
      const r = await db.query<{ lead_id: string }>(
        `SELECT lead_id FROM tips WHERE id = $1 AND stage = 'lead_open'`,
        [tip.body.id],
      );
      return r.rowCount ? r.rows : undefined;
    }, 20_000);
    const pending = async () =>
      (
        await db.query<{ job_id: string }>(
          `SELECT job_id FROM notification_jobs_pending WHERE payload->>'entityId' = $1`,
          [leadId],
        )
      ).rows;
    // The relay has sent the job: it is out of the outbox, still pending, and waits in Redis.
    await waitFor(async () => {
      const inOutbox = await db.query(
        `SELECT 1 FROM outbox WHERE queue = $1 AND payload->>'entityId' = $2`,
        [QueueName.Notifications, leadId],
      );
      return inOutbox.rowCount === 0 ? true : undefined;
    }, 20_000);
    expect(await pending()).toHaveLength(1);

    // Redis loses it.
    const notifications = new Queue(QueueName.Notifications, {
      connection: { url: env.redisUrl },
      prefix: env.queuePrefix,
    });
    try {
      expect(await notifications.getJobCounts('waiting', 'prioritized')).not.toEqual({
        waiting: 0,
        prioritized: 0,
      });
      await notifications.obliterate({ force: true });
    } finally {
      await notifications.close();
    }

    await stack.start('outcome-worker');
    const told = () =>
      db.query<{ username: string }>(
        `SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id
         WHERE n.type = 'urgent_lead' AND n.entity_id = $1`,
        [leadId],
      );
    await waitFor(
      async () => ((await told()).rowCount === 2 ? true : undefined),
      20_000,
      async () => `two notifications (now ${(await told()).rowCount})`,
    );
    // Once each, and no longer pending.
    expect((await told()).rows.map((r) => r.username).sort()).toEqual(
      [inv.username, sup.username].sort(),
    );
    await waitFor(async () => ((await pending()).length === 0 ? true : undefined), 10_000);
    expect(stack.logs()).toContain('reconciler re-sent notifications');
  });
});
