import { DataSource } from 'typeorm';
import { QueueName } from '@app/contracts';
import { DispatchRepository } from '@app/dispatch';
import { insertReceivedTips, squeezedYearTips, testDatabase, TestDatabase } from '@app/testing';

/**
 * The reconciler goes through a backlog of stuck tips a page a pass: each page starts after the
 * last tip of the one before, in the order they have waited (ties on the time broken by id), so
 * that every stuck tip is looked at, not the first page again and again. Real PostgreSQL.
 */
describe('stuck tips, a page at a time', () => {
  let env: TestDatabase;
  let ds: DataSource;
  const repo = new DispatchRepository();

  beforeAll(async () => {
    env = await testDatabase('stuck_paging');
    ds = env.ds;
    const rows = squeezedYearTips({
      wards: ['Phường 1'],
      total: 25,
      seed: 5,
      days: 1,
      prefix: 'SP',
    });
    await insertReceivedTips(ds, rows);
    // Two groups of tips that have waited exactly as long: the id decides their order.
    await ds.query(
      `UPDATE tips SET stage_changed_at = now() - interval '1 hour' * (1 + (reference < 'SP-20')::int)`,
    );
  }, 60_000);

  afterAll(async () => {
    await env?.cleanup();
  });

  it('answers every stuck tip once, longest waiting first, then starts again', async () => {
    const seen: string[] = [];
    let after: { id: string; at: string } | null = null;
    for (let pass = 0; pass < 10; pass++) {
      const page: { id: string; at: string }[] = await repo.stuckTips(
        ds.manager,
        'received',
        QueueName.Triage,
        60,
        4,
        after,
      );
      seen.push(...page.map((r) => r.id));
      if (page.length < 4) break;
      after = page[page.length - 1];
    }
    const want: { id: string }[] = await ds.query(
      `SELECT id FROM tips WHERE stage = 'received' ORDER BY stage_changed_at, id`,
    );
    expect(seen).toEqual(want.map((r) => r.id));
    expect(new Set(seen).size).toBe(25);
    const again = await repo.stuckTips(ds.manager, 'received', QueueName.Triage, 60, 4, null);
    expect(again.map((r) => r.id)).toEqual(seen.slice(0, 4));
  });
});
