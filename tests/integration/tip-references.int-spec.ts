import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { dataSourceOptions, prepareDatabase } from '@app/database';
import { OutboxWriter } from '@app/dispatch';
import { newTestEnv, TestEnv } from '@app/testing';
import { newReference, NewTipRow, TipsRepository } from '@app/tips';
import { TipIntakeRepository } from '../../libs/tips/src/tip-intake.repository';

const REFERENCE = /^TT-\d\d-[0-9A-Z]{8}$/;

function row(over: Partial<NewTipRow> = {}): NewTipRow {
  return {
    id: randomUUID(),
    reference: newReference(),
    channel: 'hotline',
    category: 'theft',
    ward: 'Phường 1',
    description: 'Two men carried a television out of the shop on the corner at night.',
    occurredAt: null,
    receivedAt: null,
    address: null,
    lat: null,
    lng: null,
    anonymous: true,
    hasContact: false,
    tipsterCipher: null,
    tipsterKeyId: null,
    imported: false,
    externalRef: null,
    idempotencyKey: null,
    requestHash: null,
    submittedBy: 'operator1',
    ...over,
  };
}

/**
 * References are 40 random bits a year: at a million tips a year two draw the same one about one
 * year in three. A tip whose reference is taken is taken in with a new one, by the intake's
 * statement and by the import, while a repeated idempotency key or externalRef still inserts
 * nothing.
 */
describe('a tip whose reference is taken gets a new one (real PostgreSQL)', () => {
  let env: TestEnv;
  let ds: DataSource;
  let tips: TipsRepository;
  let intake: TipIntakeRepository;

  beforeAll(async () => {
    env = newTestEnv('tip_refs');
    await prepareDatabase(env.databaseUrl);
    ds = new DataSource(dataSourceOptions(env.databaseUrl, 2));
    await ds.initialize();
    tips = new TipsRepository(ds, new AuditWriter(ds));
    intake = new TipIntakeRepository(tips, new OutboxWriter(ds));
  }, 60_000);

  afterAll(async () => {
    await ds?.destroy();
    await env?.cleanup();
  });

  const stored = async (id: string) =>
    (
      await ds.query<{ reference: string; events: number; jobs: number }[]>(
        `SELECT t.reference,
           (SELECT count(*)::int FROM tip_events e WHERE e.tip_id = t.id AND e.type = 'received') AS events,
           (SELECT count(*)::int FROM outbox o WHERE o.payload->>'tipId' = t.id::text) AS jobs
         FROM tips t WHERE t.id = $1`,
        [id],
      )
    )[0];

  it('intake: the tip is created with a new reference, its event and triage job with it', async () => {
    const first = row({ idempotencyKey: 'key-first' });
    expect(
      await intake.receive(ds.manager, [{ row: first, channel: 'hotline', actor: 'op' }]),
    ).toEqual([first.id]);
    const clash = row({ reference: first.reference });
    const fresh = row();
    const repeat = row({ idempotencyKey: 'key-first' });
    const repeatReference = repeat.reference;
    const created = await intake.receive(
      ds.manager,
      [clash, fresh, repeat].map((r) => ({ row: r, channel: 'hotline', actor: 'op' })),
    );

    expect(new Set(created)).toEqual(new Set([clash.id, fresh.id]));
    expect(clash.reference).not.toBe(first.reference);
    expect(clash.reference).toMatch(REFERENCE);
    expect(await stored(clash.id)).toEqual({ reference: clash.reference, events: 1, jobs: 1 });
    expect(await stored(fresh.id)).toEqual({ reference: fresh.reference, events: 1, jobs: 1 });
    // The repeated key is no clash: nothing inserted, its reference not drawn again.
    expect(await stored(repeat.id)).toBeUndefined();
    expect(repeat.reference).toBe(repeatReference);
    expect(
      await ds.query(`SELECT count(*)::int AS n FROM tips WHERE reference = $1`, [first.reference]),
    ).toEqual([{ n: 1 }]);
  });

  it('import: the record is created with a new reference of its own year; a seen externalRef is skipped', async () => {
    const receivedAt = '2023-05-04T10:00:00.000Z';
    const seen = row({ imported: true, externalRef: 'reg/2023/1', receivedAt });
    const taken = row({ imported: true, externalRef: 'reg/2023/0', receivedAt });
    await ds.transaction((m) => tips.insertImported(m, [seen, taken]));

    const clash = row({
      imported: true,
      externalRef: 'reg/2023/2',
      receivedAt,
      reference: taken.reference,
    });
    const again = row({ imported: true, externalRef: 'reg/2023/1', receivedAt });
    const within = row({ imported: true, externalRef: 'reg/2023/2', receivedAt });
    const created = await ds.transaction((m) => tips.insertImported(m, [clash, again, within]));

    expect(created).toEqual(new Map([['reg/2023/2', clash.id]]));
    expect(clash.reference).not.toBe(taken.reference);
    expect(clash.reference).toMatch(/^TT-23-[0-9A-Z]{8}$/);
    expect(
      await ds.query(`SELECT external_ref, reference FROM tips WHERE id = $1`, [clash.id]),
    ).toEqual([{ external_ref: 'reg/2023/2', reference: clash.reference }]);
    expect(
      await ds.query(
        `SELECT count(*)::int AS n FROM tips WHERE external_ref IN ('reg/2023/1', 'reg/2023/2')`,
      ),
    ).toEqual([{ n: 2 }]);
  });
  it('fails a tip skipped for neither its key nor its reference (its follow-up lookup is held), drawing nothing', async () => {
    const followUp = { lookup: 'LKUPTEST', hash: 'not-a-real-hash' };
    const first = row();
    await intake.receive(ds.manager, [{ row: first, followUp, channel: 'web', actor: null }]);
    const second = row();
    const reference = second.reference;
    await expect(
      intake.receive(ds.manager, [{ row: second, followUp, channel: 'web', actor: null }]),
    ).rejects.toThrow('neither its key nor its reference is held');
    expect(second.reference).toBe(reference);
    expect(await stored(second.id)).toBeUndefined();
  });
});
