import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { PasswordHasher } from '@app/crypto';
import { OutboxWriter } from '@app/dispatch';
import { testDatabase, TestDatabase } from '@app/testing';
import {
  newReference,
  NewTipRow,
  PublicTipsService,
  TipIntakeService,
  TipMessagesRepository,
  TipMessagesService,
  TipsRepository,
  TipsterCipher,
  TipsterRepository,
} from '@app/tips';
import * as codes from '../../libs/tips/src/follow-up/follow-up-code';
import { TipIntakeRepository } from '../../libs/tips/src/tip-intake.repository';

/**
 * Follow-up codes are random draws (or derived from a random id): the module is the real one,
 * wrapped so that a test can make one draw land on a lookup another tip holds.
 */
const CODES = '../../libs/tips/src/follow-up/follow-up-code';
jest.mock('../../libs/tips/src/follow-up/follow-up-code', () => {
  const actual = jest.requireActual<typeof codes>('../../libs/tips/src/follow-up/follow-up-code');
  return {
    ...actual,
    newFollowUpCode: jest.fn(actual.newFollowUpCode),
    derivedFollowUpCode: jest.fn(actual.derivedFollowUpCode),
  };
});

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
  let env: TestDatabase;
  let ds: DataSource;
  let tips: TipsRepository;
  let intake: TipIntakeRepository;

  beforeAll(async () => {
    env = await testDatabase('tip_refs');
    ds = env.ds;
    tips = new TipsRepository(ds, new AuditWriter(ds));
    intake = new TipIntakeRepository(tips, new OutboxWriter(ds));
  }, 60_000);

  afterAll(async () => {
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
    ).toEqual({ created: [first.id], lookupTaken: [] });
    const clash = row({ reference: first.reference });
    const fresh = row();
    const repeat = row({ idempotencyKey: 'key-first' });
    const repeatReference = repeat.reference;
    const created = await intake.receive(
      ds.manager,
      [clash, fresh, repeat].map((r) => ({ row: r, channel: 'hotline', actor: 'op' })),
    );

    expect(new Set(created.created)).toEqual(new Set([clash.id, fresh.id]));
    expect(created.lookupTaken).toEqual([]);
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
  it('answers a tip whose follow-up lookup is held as such, inserting it not and drawing nothing', async () => {
    const followUp = { lookup: 'LKUPTEST', hash: 'not-a-real-hash' };
    const first = row();
    await intake.receive(ds.manager, [{ row: first, followUp, channel: 'web', actor: null }]);
    const second = row();
    const fresh = row();
    const reference = second.reference;
    expect(
      await intake.receive(ds.manager, [
        { row: second, followUp, channel: 'web', actor: null },
        { row: fresh, channel: 'hotline', actor: 'op' },
      ]),
    ).toEqual({ created: [fresh.id], lookupTaken: [second.id] });
    expect(second.reference).toBe(reference);
    expect(await stored(second.id)).toBeUndefined();
    expect(await stored(fresh.id)).toEqual({ reference: fresh.reference, events: 1, jobs: 1 });
  });

  it('tells apart, in one group without keys, a tip whose lookup is held and one whose reference is', async () => {
    const followUp = { lookup: 'LKUPMIX1', hash: 'not-a-real-hash' };
    const first = row();
    await intake.receive(ds.manager, [{ row: first, followUp, channel: 'web', actor: null }]);
    const lookupHeld = row();
    const referenceHeld = row({ reference: first.reference });
    const answer = await intake.receive(ds.manager, [
      { row: lookupHeld, followUp, channel: 'web', actor: null },
      { row: referenceHeld, channel: 'hotline', actor: 'op' },
    ]);
    expect(answer).toEqual({ created: [referenceHeld.id], lookupTaken: [lookupHeld.id] });
    expect(referenceHeld.reference).not.toBe(first.reference);
    expect(await stored(referenceHeld.id)).toMatchObject({ reference: referenceHeld.reference });
    expect(await stored(lookupHeld.id)).toBeUndefined();
  });

  it('answers as created, once, a tip an earlier run of its group committed (the group run again)', async () => {
    const followUp = { lookup: 'LKUPRUN1', hash: 'not-a-real-hash' };
    const tip = row();
    const incoming = { row: tip, followUp, channel: 'web', actor: null };
    expect(await intake.receive(ds.manager, [incoming])).toEqual({
      created: [tip.id],
      lookupTaken: [],
    });
    const reference = tip.reference;
    // Run again as MicroBatcher runs a failed group, tip by tip: in already under its own id.
    expect(await intake.receive(ds.manager, [incoming])).toEqual({
      created: [tip.id],
      lookupTaken: [],
    });
    expect(tip.reference).toBe(reference);
    expect(await stored(tip.id)).toEqual({ reference, events: 1, jobs: 1 });
    expect(
      await ds.query(`SELECT count(*)::int AS n FROM tips WHERE follow_up_lookup = $1`, [
        followUp.lookup,
      ]),
    ).toEqual([{ n: 1 }]);
  });

  describe('a follow-up code whose lookup another tip holds is drawn again', () => {
    let submitted: TipIntakeService;
    let publicTips: PublicTipsService;
    const heldLookup = 'HELD0000';

    beforeAll(async () => {
      const tipster = { key: randomBytes(32), keyId: 'k1', oldKeys: new Map<string, Buffer>() };
      const hasher = new PasswordHasher();
      const outbox = new OutboxWriter(ds);
      submitted = new TipIntakeService(
        ds,
        tips,
        outbox,
        new TipsterCipher(tipster),
        hasher,
        tipster,
        intake,
      );
      publicTips = new PublicTipsService(
        submitted,
        new TipsterRepository(ds),
        new TipMessagesService(ds, tips, outbox, new TipMessagesRepository()),
        hasher,
      );
      const holder = row();
      await intake.receive(ds.manager, [
        {
          row: holder,
          followUp: { lookup: heldLookup, hash: 'not-a-real-hash' },
          channel: 'web',
          actor: null,
        },
      ]);
    });

    /** The next code drawn has the held lookup; later draws are real. */
    function nextDrawHeld(name: 'newFollowUpCode' | 'derivedFollowUpCode') {
      const draw = jest.mocked(codes[name]) as jest.Mock;
      const real = jest.requireActual<typeof codes>(CODES)[name] as (
        ...a: unknown[]
      ) => codes.FollowUpCode;
      draw.mockClear();
      draw.mockImplementationOnce((...args: unknown[]) => ({
        ...real(...args),
        lookup: heldLookup,
      }));
      return draw;
    }

    const tipsWith = async (lookup: string) =>
      (
        await ds.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM tips WHERE follow_up_lookup = $1`,
          [lookup],
        )
      )[0].n;

    it('web form: the tip is taken in once, under a new code that opens it', async () => {
      const draws = nextDrawHeld('newFollowUpCode');
      const accepted = await publicTips.submit({
        category: 'theft',
        ward: 'Phường 1',
        description: 'A man takes bicycles from the school yard every afternoon.',
      });
      expect(draws).toHaveBeenCalledTimes(2);
      const opened = await publicTips.verify(accepted.followUpCode);
      const [tip] = await ds.query<{ id: string; follow_up_lookup: string }[]>(
        `SELECT id, follow_up_lookup FROM tips WHERE reference = $1`,
        [accepted.reference],
      );
      expect(opened?.tipId).toBe(tip.id);
      expect(tip.follow_up_lookup).not.toBe(heldLookup);
      expect(await tipsWith(heldLookup)).toBe(1);
    });

    it("operator: the tip is taken in under a new id, and a resent request gets that tip's code", async () => {
      const draws = nextDrawHeld('derivedFollowUpCode');
      const dto = {
        channel: 'hotline' as const,
        category: 'drugs' as const,
        ward: 'Phường 1',
        description: 'Cars stop at the house on the corner for a minute, late every night.',
        anonymous: true,
        followUp: true,
      };
      const ctx = { actor: 'operator1', idempotencyKey: 'op-lookup-held', rawBody: dto };
      const accepted = await submitted.submit(dto, ctx);
      expect(draws).toHaveBeenCalledTimes(2);
      expect(await publicTips.verify(accepted.followUpCode)).toMatchObject({ tipId: accepted.id });
      expect(await submitted.submit(dto, ctx)).toEqual(accepted);
      expect(
        await ds.query(`SELECT count(*)::int AS n FROM tips WHERE idempotency_key = $1`, [
          ctx.idempotencyKey,
        ]),
      ).toEqual([{ n: 1 }]);
      expect(await tipsWith(heldLookup)).toBe(1);
    });
  });
});
