import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { deadlinesConfig } from '@app/config';
import { OutboxWriter } from '@app/dispatch';
import { CaseSuggester, LinkTipService, OriginalNotLinkedYet } from '@app/linkage';
import { testDatabase, TestDatabase } from '@app/testing';
import { TipsRepository } from '@app/tips';

/**
 * A duplicate can reach linkage before its original has a lead (two linkage workers, or the
 * original's job retried). It waits (its job retries), and the original's linkage adopts it into
 * the lead it opens, in the same transaction. Real PostgreSQL, the product's LinkTipService.
 */
describe('linkage: duplicates that arrive before their original has a lead', () => {
  let env: TestDatabase;
  let ds: DataSource;
  let linkage: LinkTipService;
  let n = 0;

  const triagedTip = async (duplicateOf: string | null = null): Promise<string> => {
    const id = randomUUID();
    n++;
    await ds.query(
      `INSERT INTO tips (id, reference, stage, channel, category, ward, description, received_at,
         anonymous, has_contact, created_at, triaged_at, priority, duplicate_of, description_norm)
       VALUES ($1, $2, 'triaged', 'hotline', 'theft', 'Phường 1', 'hand-built tip', now(), false,
         false, now(), now(), $3, $4, 'hand built tip')`,
      [id, `LD-${n}`, duplicateOf ? 70 : 40, duplicateOf],
    );
    return id;
  };

  const tip = async (id: string) =>
    (
      await ds.query<{ stage: string; lead_id: string | null }[]>(
        `SELECT stage, lead_id FROM tips WHERE id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    env = await testDatabase('linkage_dups', 4);
    ds = env.ds;
    linkage = new LinkTipService(
      ds,
      new CaseSuggester(),
      new TipsRepository(ds, new AuditWriter(ds)),
      deadlinesConfig.load({}),
      new OutboxWriter(ds),
    );
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('retries the duplicate, then the original opens the lead and takes the duplicate in', async () => {
    const original = await triagedTip();
    const first = await triagedTip(original);
    const second = await triagedTip(original);

    await expect(linkage.link(first)).rejects.toBeInstanceOf(OriginalNotLinkedYet);
    expect(await tip(first)).toEqual({ stage: 'triaged', lead_id: null });

    expect(await linkage.link(original)).toBe('done');
    const opened = await tip(original);
    expect(opened.stage).toBe('lead_open');
    expect(opened.lead_id).not.toBeNull();
    for (const dup of [first, second])
      expect(await tip(dup)).toEqual({ stage: 'duplicate', lead_id: opened.lead_id });
    // The lead carries the highest priority of its tips.
    const [lead] = await ds.query<{ priority: number; stage: string }[]>(
      `SELECT priority, stage FROM leads WHERE id = $1`,
      [opened.lead_id],
    );
    expect(lead).toEqual({ priority: 70, stage: 'open' });
    const events = await ds.query<{ type: string }[]>(
      `SELECT type FROM tip_events WHERE tip_id = $1 ORDER BY at, type`,
      [first],
    );
    expect(events.map((e) => e.type)).toEqual(['lead_joined']);

    // The duplicate's retried job finds nothing left to do.
    expect(await linkage.link(first)).toBe('skipped');
    // A duplicate triaged after the lead opened joins it directly.
    const late = await triagedTip(original);
    expect(await linkage.link(late)).toBe('done');
    expect(await tip(late)).toEqual({ stage: 'duplicate', lead_id: opened.lead_id });
  });
});
