import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { deadlinesConfig } from '@app/config';
import type { CaseSuggestion } from '@app/database';
import { OutboxWriter } from '@app/dispatch';
import { CaseSuggester, LinkTipService } from '@app/linkage';
import { testDatabase, TestDatabase } from '@app/testing';
import { TipsRepository } from '@app/tips';

/**
 * The cases suggested to the leads a linkage batch opens are read for the whole batch in one
 * statement; each lead gets what its own tip alone would be suggested: the same answer as the
 * reading of the leads (CaseSuggester.suggestForLeads) that serves a lead read or claimed later.
 * Real PostgreSQL, the product's LinkTipService.
 */
describe('linkage: case suggestions for a batch of new leads', () => {
  let env: TestDatabase;
  let ds: DataSource;
  let suggester: CaseSuggester;
  let linkage: LinkTipService;
  let n = 0;

  const tip = async (
    t: { ward: string; category: string; norm: string; stage?: string; phone?: string },
    leadId: string | null = null,
  ): Promise<string> => {
    const id = randomUUID();
    n++;
    await ds.query(
      `INSERT INTO tips (id, reference, stage, channel, category, ward, description, received_at,
         anonymous, has_contact, created_at, triaged_at, priority, description_norm, lead_id)
       VALUES ($1, $2, $3, 'hotline', $4, $5, 'hand-built tip', now() - interval '1 hour', false,
         false, now() - interval '1 hour', now(), 40, $6, $7)`,
      [id, `CS-${n}`, t.stage ?? 'triaged', t.category, t.ward, t.norm, leadId],
    );
    if (t.phone)
      await ds.query(
        `INSERT INTO tip_entity_values (tip_id, kind, value) VALUES ($1, 'phone', $2)`,
        [id, t.phone],
      );
    return id;
  };

  /** An open case with one linked lead over one tip of `t`. */
  const openCase = async (
    title: string,
    t: { ward: string; category: string; norm: string; phone?: string },
  ): Promise<string> => {
    const caseId = randomUUID();
    await ds.query(
      `INSERT INTO cases (id, title, kind, category, severity, ward, occurred_at, status, created_at)
       VALUES ($1, $2, 'incident', $3, 'medium', $4, now() - interval '2 days', 'open',
               now() - interval '2 days')`,
      [caseId, title, t.category, t.ward],
    );
    const leadId = randomUUID();
    const origin = await tip({ ...t, stage: 'linked' }, leadId);
    await ds.query(
      `INSERT INTO leads (id, stage, priority, ward, category, origin_tip_id, case_id, opened_at)
       VALUES ($1, 'linked', 40, $2, $3, $4, $5, now() - interval '2 days')`,
      [leadId, t.ward, t.category, origin, caseId],
    );
    return caseId;
  };

  beforeAll(async () => {
    env = await testDatabase('case_suggestions', 4);
    ds = env.ds;
    suggester = new CaseSuggester();
    linkage = new LinkTipService(
      ds,
      suggester,
      new TipsRepository(ds, new AuditWriter(ds)),
      deadlinesConfig.load({}),
      new OutboxWriter(ds),
    );
  });

  afterAll(async () => {
    await env?.cleanup();
  });

  it('gives each lead of one batch its own tip’s suggestions', async () => {
    const market = await openCase('market thefts', {
      ward: 'Phường 1',
      category: 'theft',
      norm: 'giat tui xach o cho xom chieu',
    });
    const phone = await openCase('threats by phone', {
      ward: 'Phường 3',
      category: 'harassment',
      norm: 'nhan tin de doa',
      phone: '0903123456',
    });
    const karaoke = await openCase('karaoke noise', {
      ward: 'Phường 6',
      category: 'noise',
      norm: 'quan karaoke mo nhac to den hai gio sang moi dem',
    });

    const batch = [
      // Same ward and category as the market case.
      await tip({ ward: 'Phường 1', category: 'theft', norm: 'mat xe dap truoc nha' }),
      // Shares the phone of the threats case and its category, in another ward.
      await tip({
        ward: 'Phường 9',
        category: 'harassment',
        norm: 'so nay goi lua dao',
        phone: '0903123456',
      }),
      // Same ward and category as the karaoke case, and nearly its words.
      await tip({
        ward: 'Phường 6',
        category: 'noise',
        norm: 'quan karaoke mo nhac to den hai gio sang',
      }),
      // Nothing in common with any case.
      await tip({ ward: 'Phường 8', category: 'drugs', norm: 'nguoi la tu tap ban dem' }),
      // A second tip of the batch for the market case.
      await tip({ ward: 'Phường 1', category: 'theft', norm: 'bi moc tui luc di cho' }),
    ];

    const results = await linkage.linkMany(batch);
    expect([...results.values()]).toEqual(['done', 'done', 'done', 'done', 'done']);

    const leads = await ds.query<
      {
        id: string;
        ward: string;
        category: string;
        origin_tip_id: string;
        opened_at: Date;
        suggestions: CaseSuggestion[];
      }[]
    >(
      `SELECT id, ward, category, origin_tip_id, opened_at, suggestions FROM leads
       WHERE origin_tip_id = ANY($1::uuid[])`,
      [batch],
    );
    expect(leads).toHaveLength(batch.length);
    const of = (tipId: string) => leads.find((l) => l.origin_tip_id === tipId)!;
    const cases = (tipId: string) => of(tipId).suggestions.map((s) => s.caseId);

    expect(cases(batch[0])).toEqual([market]);
    expect(of(batch[0]).suggestions[0].reasons).toEqual(['same ward', 'same category']);
    expect(cases(batch[1])).toEqual([phone]);
    expect(of(batch[1]).suggestions[0].reasons).toEqual([
      'same category',
      'shared phone 0903123456',
    ]);
    expect(cases(batch[2])).toEqual([karaoke]);
    expect(of(batch[2]).suggestions[0].reasons).toEqual([
      'same ward',
      'same category',
      expect.stringMatching(/^text similarity 0\.\d\d with the case's tips$/),
    ]);
    expect(cases(batch[3])).toEqual([]);
    expect(cases(batch[4])).toEqual([market]);

    // The leads' own reading (over each lead's tips, as when it is read or claimed) agrees with
    // the batch's, lead by lead.
    const later = await suggester.suggestForLeads(ds.manager, leads);
    for (const lead of leads) expect(later.get(lead.id)).toEqual(lead.suggestions);
  });
});
