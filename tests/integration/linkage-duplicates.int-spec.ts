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

  /** A tip already on a lead of `leadStage` (its origin), with that lead; the lead's case if linked. */
  const tipOnLead = async (leadStage: 'dismissed' | 'linked') => {
    const id = randomUUID();
    const leadId = randomUUID();
    const caseId = leadStage === 'linked' ? randomUUID() : null;
    n++;
    if (caseId)
      await ds.query(
        `INSERT INTO cases (id, title, kind, category, severity, ward, occurred_at, status)
         VALUES ($1, 'a case', 'incident', 'theft', 'medium', 'Phường 1', now(), 'open')`,
        [caseId],
      );
    await ds.query(
      `INSERT INTO tips (id, reference, stage, channel, category, ward, description, received_at,
         anonymous, has_contact, created_at, triaged_at, priority, description_norm, lead_id,
         case_id)
       VALUES ($1, $2, $3, 'hotline', 'theft', 'Phường 1', 'hand-built tip', now(), false, false,
         now(), now(), 40, 'hand built tip', $4, $5)`,
      [id, `LD-${n}`, leadStage, leadId, caseId],
    );
    await ds.query(
      `INSERT INTO leads (id, stage, priority, ward, category, origin_tip_id, case_id)
       VALUES ($1, $2, 40, 'Phường 1', 'theft', $3, $4)`,
      [leadId, leadStage, id, caseId],
    );
    return { id, leadId, caseId };
  };

  const duplicateOf = async (originalId: string, priority: number, urgent: boolean) => {
    const id = await triagedTip(originalId);
    await ds.query(`UPDATE tips SET priority = $2, urgent = $3 WHERE id = $1`, [
      id,
      priority,
      urgent,
    ]);
    return id;
  };

  it('joins a batch of duplicates to dismissed and linked leads as one at a time would', async () => {
    const dismissed = await tipOnLead('dismissed');
    const linked = await tipOnLead('linked');
    const batch = [
      await duplicateOf(dismissed.id, 50, false),
      await duplicateOf(dismissed.id, 60, true),
      await duplicateOf(linked.id, 55, false),
      await duplicateOf(linked.id, 65, true),
    ];

    const results = await linkage.linkMany(batch);
    expect([...results.values()]).toEqual(['done', 'done', 'done', 'done']);

    // The dismissed lead is back in the queue, once, with the higher priority and urgency.
    const lead = async (id: string) =>
      (
        await ds.query<{ stage: string; priority: number; urgent: boolean }[]>(
          `SELECT stage, priority, urgent FROM leads WHERE id = $1`,
          [id],
        )
      )[0];
    expect(await lead(dismissed.leadId)).toEqual({ stage: 'open', priority: 80, urgent: true });
    expect(await tip(dismissed.id)).toEqual({ stage: 'lead_open', lead_id: dismissed.leadId });
    for (const dup of batch.slice(0, 2))
      expect(await tip(dup)).toEqual({ stage: 'duplicate', lead_id: dismissed.leadId });
    const reopened = await ds.query<{ tip_id: string; detail: { byTipId: string } }[]>(
      `SELECT tip_id, detail FROM tip_events WHERE type = 'lead_reopened'`,
    );
    expect(reopened).toEqual([
      { tip_id: dismissed.id, detail: { leadId: dismissed.leadId, byTipId: batch[0] } },
    ]);

    // The linked lead takes the non-urgent report onto its case; the urgent one stands alone.
    expect(await lead(linked.leadId)).toEqual({ stage: 'linked', priority: 55, urgent: false });
    const [onCase] = await ds.query<{ stage: string; case_id: string }[]>(
      `SELECT stage, case_id FROM tips WHERE id = $1`,
      [batch[2]],
    );
    expect(onCase).toEqual({ stage: 'linked', case_id: linked.caseId });
    const own = await tip(batch[3]);
    expect(own.stage).toBe('lead_open');
    expect(own.lead_id).not.toBe(linked.leadId);
    expect(await lead(own.lead_id!)).toEqual({ stage: 'open', priority: 80, urgent: true });

    // Each joining tip has one `lead_joined` entry on its trail; the one standing alone has its
    // own `lead_opened`.
    const trail = await ds.query<{ tip_id: string; type: string }[]>(
      `SELECT tip_id, type FROM tip_events WHERE tip_id = ANY($1::uuid[]) ORDER BY tip_id, type`,
      [batch],
    );
    expect(trail).toEqual(
      batch
        .map((id, i) => ({ tip_id: id, type: i === 3 ? 'lead_opened' : 'lead_joined' }))
        .sort((a, b) => (a.tip_id < b.tip_id ? -1 : 1)),
    );

    // One urgent-lead notification for each lead that became urgent, and one reopening.
    const notices = await ds.query<{ type: string; entity: string }[]>(
      `SELECT payload->>'type' AS type, payload->>'entityId' AS entity FROM outbox
       WHERE payload ? 'type' ORDER BY 1, 2`,
    );
    expect(notices).toEqual(
      [
        { type: 'lead_reopened', entity: dismissed.leadId },
        { type: 'urgent_lead', entity: dismissed.leadId },
        { type: 'urgent_lead', entity: own.lead_id },
      ].sort((a, b) => (a.type + a.entity < b.type + b.entity ? -1 : 1)),
    );
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
