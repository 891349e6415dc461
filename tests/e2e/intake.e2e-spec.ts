import { connect } from 'node:net';
import { Client } from 'pg';
import { ApiClient, http, ProcessStack, userWithRole, waitFor } from '@tools/stack';
import { newTip, testStack, TestStack } from '@app/testing';

/** Intake over real HTTP against the API process, its own database and queue prefix. */
describe('POST /api/tips (intake)', () => {
  let stack: ProcessStack;
  let t: TestStack | undefined;
  let op: ApiClient;
  let sup: ApiClient;
  let db: Client;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    op.call<Record<string, unknown>>('POST', '/api/tips', body, headers);
  const tipCount = async () => Number((await db.query('SELECT count(*) FROM tips')).rows[0].count);

  beforeAll(async () => {
    t = await testStack('intake', (s) => s.start('api'));
    ({ stack, db } = t);
    op = await userWithRole(stack.baseUrl, 'operator');
    sup = await userWithRole(stack.baseUrl, 'supervisor');
  });

  afterAll(() => t?.cleanup());

  it('serves the reference lists with the 13 wards of the district', async () => {
    const res = await op.call<{ wards: string[]; channels: string[]; categories: string[] }>(
      'GET',
      '/api/reference',
    );
    expect(res.status).toBe(200);
    expect(res.body.wards).toHaveLength(13);
    expect(res.body.wards).toContain('Phường 18');
    expect(res.body.channels).toEqual(['hotline', 'walk_in', 'web', 'app', 'patrol']);
    expect(res.body.categories).toContain('weapons');
  });

  it('accepts a valid tip with 202 and commits it with its triage intent', async () => {
    const res = await post(
      newTip({ anonymous: false, tipster: { name: 'Trần Thị B', phone: '0912345678' } }),
    );
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ stage: 'received' });
    expect(res.body.reference).toMatch(/^TT-\d{2}-[0-9A-Z]{8}$/);
    const row = (
      await db.query('SELECT stage, has_contact, tipster_cipher FROM tips WHERE id = $1', [
        res.body.id,
      ])
    ).rows[0];
    expect(row.stage).toBe('received');
    expect(row.has_contact).toBe(true);
    // Encrypted at rest: the plaintext name and phone are not in the stored bytes.
    expect(row.tipster_cipher.toString('utf8')).not.toContain('0912345678');
    expect(row.tipster_cipher.toString('utf8')).not.toContain('Trần');
    const got = await op.call<Record<string, unknown>>('GET', `/api/tips/${String(res.body.id)}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: res.body.id, anonymous: false, hasContact: true });
    expect(JSON.stringify(got.body)).not.toContain('0912345678');
    expect(got.body).not.toHaveProperty('tipster');
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['missing channel', { channel: undefined }, 'channel'],
    ['unknown channel', { channel: 'fax' }, 'channel'],
    ['channel as number', { channel: 3 }, 'channel'],
    ['unknown category', { category: 'jaywalking' }, 'category'],
    ['category as array', { category: ['theft'] }, 'category'],
    ['ward outside the district', { ward: 'Phường 5' }, 'ward'],
    ['ward as object', { ward: { name: 'Phường 1' } }, 'ward'],
    ['missing ward', { ward: undefined }, 'ward'],
    ['description too short', { description: 'short' }, 'description'],
    ['description too long', { description: 'x'.repeat(5001) }, 'description'],
    ['description as number', { description: 1234567890123 }, 'description'],
    ['description blank', { description: '            ' }, 'description'],
    ['description with NUL', { description: 'có người lạ\u0000 trước nhà số 5' }, 'description'],
    ['missing description', { description: undefined }, 'description'],
    ['occurredAt not a date', { occurredAt: 'yesterday' }, 'occurredAt'],
    ['occurredAt in the future', { occurredAt: '2999-01-01T00:00:00Z' }, 'occurredAt'],
    ['occurredAt as number', { occurredAt: 1700000000 }, 'occurredAt'],
    ['location as string', { location: 'Khánh Hội' }, 'location'],
    ['location as array', { location: [1, 2] }, 'location'],
    ['latitude out of range', { location: { lat: 123, lng: 106.7 } }, 'location.lat'],
    ['longitude as string', { location: { lat: 10.7, lng: 'east' } }, 'location.lng'],
    ['unknown location field', { location: { floor: 3 } }, 'location.floor'],
    ['anonymous as string', { anonymous: 'yes' }, 'anonymous'],
    ['missing anonymous', { anonymous: undefined }, 'anonymous'],
    ['tipster as string', { tipster: 'Nguyễn Văn A' }, 'tipster'],
    [
      'tipster email invalid',
      { anonymous: false, tipster: { email: 'not-an-email' } },
      'tipster.email',
    ],
    [
      'tipster phone as number',
      { anonymous: false, tipster: { phone: 912345678 } },
      'tipster.phone',
    ],
    ['unknown tipster field', { anonymous: false, tipster: { cccd: '0790' } }, 'tipster.cccd'],
    ['unknown top-level field', { priority: 100 }, 'priority'],
  ];

  it.each(invalid)(
    'rejects %s with 400 naming the field, storing nothing',
    async (_n, o, field) => {
      const before = await tipCount();
      const res = await post(newTip(o));
      expect(res.status).toBe(400);
      const body = res.body as { errors: Record<string, string[]>; message: string[] };
      expect(Object.keys(body.errors)).toContain(field);
      expect(body.errors[field].length).toBeGreaterThan(0);
      expect(await tipCount()).toBe(before);
    },
  );

  it('reports every bad field at once', async () => {
    const res = await post({ channel: 'fax', category: 1, ward: 'x', description: 'x' });
    expect(res.status).toBe(400);
    const errors = (res.body as { errors: Record<string, string[]> }).errors;
    expect(Object.keys(errors).sort()).toEqual(
      ['anonymous', 'category', 'channel', 'description', 'ward'].sort(),
    );
  });

  it('never echoes the tip text in an error', async () => {
    const secret = 'bí mật: Nguyễn Văn Canary 0987654321';
    const res = await post(newTip({ description: secret, channel: 'telegram' }));
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toContain('Canary');
  });

  it.each([
    ['malformed JSON', '{"channel": "hotline",', 400],
    ['a JSON string', '"hello"', 400],
    ['a JSON array', '[1,2,3]', 400],
    ['null', 'null', 400],
  ])('answers %s with a 4xx and stores nothing', async (_n, raw, status) => {
    const before = await tipCount();
    const res = await post(raw);
    expect(res.status).toBe(status);
    expect(await tipCount()).toBe(before);
  });

  it('answers a body over 64 KB with 413', async () => {
    const res = await post(newTip({ description: 'a'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
    expect((res.body as { message: string }).message).toMatch(/64 KB/);
  });

  it('answers headers over 16 KB with 431 in the error shape, then closes the connection', async () => {
    const before = await tipCount();
    const url = new URL(stack.baseUrl);
    // A client still sending when the answer comes (an oversized request, then more bytes):
    // it must read the whole answer and an orderly end, not a reset that loses the answer.
    const answer = await new Promise<{ text: string; error: string | null }>((done) => {
      const socket = connect(Number(url.port), url.hostname);
      let text = '';
      let error: string | null = null;
      socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
      socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
      socket.on('close', () => done({ text, error }));
      socket.write(
        `POST /api/tips?q=${'a'.repeat(24 * 1024)} HTTP/1.1\r\nHost: ${url.host}\r\n` +
          'Content-Type: application/json\r\n\r\n',
      );
      const more = Buffer.alloc(64 * 1024, 'b');
      let sent = 0;
      const next = () => {
        if (socket.destroyed || socket.writableEnded || sent++ >= 16) return;
        socket.write(more, () => setImmediate(next));
      };
      setImmediate(next);
    });
    expect(answer.error).toBeNull();
    const [head, body] = answer.text.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(body)).toEqual({
      statusCode: 431,
      error: 'Request Header Fields Too Large',
      message: expect.stringMatching(/16 KB/),
    });
    // Through fetch as well, and the next request on a new connection is answered as usual.
    const res = await fetch(`${stack.baseUrl}/api/tips?q=${'a'.repeat(20 * 1024)}`);
    expect(res.status).toBe(431);
    expect(res.headers.get('connection')).toBe('close');
    expect((await op.call('GET', '/api/reference')).status).toBe(200);
    expect(await tipCount()).toBe(before);
  });

  it('answers a non-JSON body with 415', async () => {
    const res = await op.call('POST', '/api/tips', 'channel=hotline', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
  });

  it('answers an unknown or malformed tip id with 404', async () => {
    expect((await op.call('GET', '/api/tips/00000000-0000-4000-8000-000000000000')).status).toBe(
      404,
    );
    expect((await op.call('GET', '/api/tips/not-a-uuid')).status).toBe(404);
  });

  describe('Idempotency-Key', () => {
    it('gives the same answer for the same key and body, and makes one tip', async () => {
      const body = newTip();
      const first = await post(body, { 'Idempotency-Key': 'op1-call-0001' });
      const before = await tipCount();
      // Same body with keys in another order is the same body.
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const second = await post(reordered, { 'Idempotency-Key': 'op1-call-0001' });
      expect(first.status).toBe(202);
      expect(second.status).toBe(202);
      expect(second.body).toEqual(first.body);
      expect(await tipCount()).toBe(before);
    });

    it('answers 409 when the key is reused with another body', async () => {
      await post(newTip(), { 'Idempotency-Key': 'op1-call-0002' });
      const res = await post(newTip(), { 'Idempotency-Key': 'op1-call-0002' });
      expect(res.status).toBe(409);
    });

    it('makes one tip from 20 concurrent repeats', async () => {
      const body = newTip();
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => post(body, { 'Idempotency-Key': 'op2-burst-1' })),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(202));
      expect(new Set(answers.map((a) => (a.body as { id: string }).id)).size).toBe(1);
      const rows = await db.query(
        `SELECT count(*) FROM tips WHERE idempotency_key = 'op2-burst-1'`,
      );
      expect(Number(rows.rows[0].count)).toBe(1);
      const outbox = await db.query(
        `SELECT count(*) FROM tip_events WHERE tip_id = $1 AND type = 'received'`,
        [(answers[0].body as { id: string }).id],
      );
      expect(Number(outbox.rows[0].count)).toBe(1);
    });

    it('commits concurrent tips together, each with its own answer, event, audit entry and triage job', async () => {
      // 40 tips at once, among them a repeated key with the same body and one with another body.
      const same = newTip();
      const bodies = Array.from({ length: 36 }, () => newTip());
      const calls = [
        ...bodies.map((b, i) => post(b, { 'Idempotency-Key': `group-${i}` })),
        post(same, { 'Idempotency-Key': 'group-same' }),
        post(same, { 'Idempotency-Key': 'group-same' }),
        post(newTip(), { 'Idempotency-Key': 'group-other' }),
        post(newTip(), { 'Idempotency-Key': 'group-other' }),
      ];
      const answers = await Promise.all(calls);
      const statuses = answers.map((a) => a.status);
      expect(statuses.slice(0, 38)).toEqual(Array(38).fill(202));
      expect([...statuses.slice(38)].sort()).toEqual([202, 409]);
      expect(answers[36].body).toEqual(answers[37].body);
      const ids = [...new Set(answers.filter((a) => a.status === 202).map((a) => a.body.id))];
      expect(ids).toHaveLength(38);
      // The API runs alone here: the triage jobs wait in the outbox.
      const rows = await db.query<{
        id: string;
        tx: string;
        events: string;
        audit: string;
        jobs: string;
      }>(
        `SELECT t.id, t.xmin::text AS tx,
                (SELECT count(*) FROM tip_events e WHERE e.tip_id = t.id AND e.type = 'received') AS events,
                (SELECT count(*) FROM audit_log a WHERE a.entity_id = t.id::text
                   AND a.action = 'tip.received') AS audit,
                (SELECT count(*) FROM outbox o WHERE o.queue = 'triage'
                   AND o.payload ->> 'tipId' = t.id::text) AS jobs
         FROM tips t WHERE t.id = ANY($1::uuid[])`,
        [ids],
      );
      expect(rows.rows).toHaveLength(38);
      for (const r of rows.rows) expect([r.events, r.audit, r.jobs]).toEqual(['1', '1', '1']);
      // Tips created in one transaction share its id: fewer commits than tips.
      expect(new Set(rows.rows.map((r) => r.tx)).size).toBeLessThan(38);
    });

    it('gives a caller who asks a follow-up code: the same on a resend, stored only as a hash', async () => {
      const body = { ...newTip(), followUp: true };
      const first = await post(body, { 'Idempotency-Key': 'op3-call-code' });
      expect(first.status).toBe(202);
      const code = first.body.followUpCode as string;
      expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){4}[0-9A-HJKMNP-TV-Z]{5}$/);
      const again = await post(body, { 'Idempotency-Key': 'op3-call-code' });
      expect(again.body).toEqual(first.body);
      const row = (
        await db.query('SELECT follow_up_lookup, follow_up_hash FROM tips WHERE id = $1', [
          first.body.id,
        ])
      ).rows[0];
      expect(row.follow_up_hash).toMatch(/^\$argon2id\$/);
      expect(row.follow_up_hash).not.toContain(code.replace(/-/g, '').slice(8));
      // The caller follows the tip up on the public page with it.
      const status = await http<{ status: string }>(
        stack.baseUrl,
        'GET',
        '/api/public/tips/status',
        undefined,
        { 'X-Follow-Up-Code': code },
      );
      expect(status.status).toBe(200);
      expect(status.body.status).toBe('received');
      // No code unless asked for, and a bad flag is a field error.
      expect((await post(newTip())).body.followUpCode).toBeUndefined();
      const bad = await post({ ...newTip(), followUp: 'yes' });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('followUp must be true or false');
    });

    it('rejects a key that is not visible ASCII', async () => {
      const res = await post(newTip(), { 'Idempotency-Key': 'x'.repeat(201) });
      expect(res.status).toBe(400);
    });
  });

  describe('GET /api/tips', () => {
    it('pages by cursor, newest first, with filters', async () => {
      for (let i = 0; i < 5; i++) await post(newTip({ ward: 'Phường 13', channel: 'patrol' }));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = `/api/tips?ward=${encodeURIComponent('Phường 13')}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await op.call<{
          items: { id: string; ward: string }[];
          nextCursor: string | null;
        }>('GET', q);
        expect(page.status).toBe(200);
        for (const t of page.body.items) {
          expect(t.ward).toBe('Phường 13');
          seen.push(t.id);
        }
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
    });

    it.each([
      ['limit=0'],
      ['limit=101'],
      ['limit=abc'],
      ['stage=lost'],
      ['cursor=zzz'],
      ['extra=1'],
    ])('rejects %s with 400', async (q) => {
      expect((await op.call('GET', `/api/tips?${q}`)).status).toBe(400);
    });
  });

  describe('POST /api/tips/import', () => {
    it('imports historical tips once per externalRef', async () => {
      const tips = [1, 2, 3].map((i) => ({
        ...newTip(),
        receivedAt: `2023-0${i}-15T08:00:00Z`,
        externalRef: `Q4-IMPORT-${i}`,
      }));
      const first = await sup.call<{ accepted: number; ids: string[] }>(
        'POST',
        '/api/tips/import',
        { tips },
      );
      expect(first.status).toBe(202);
      expect(first.body.accepted).toBe(3);
      const again = await sup.call<{ accepted: number }>('POST', '/api/tips/import', {
        tips,
      });
      expect(again.body.accepted).toBe(0);
      const row = await db.query('SELECT received_at, imported FROM tips WHERE id = $1', [
        first.body.ids[0],
      ]);
      expect(row.rows[0].imported).toBe(true);
      expect(row.rows[0].received_at.toISOString()).toBe('2023-01-15T08:00:00.000Z');
    });

    it('refuses a batch with one bad record, importing none of it', async () => {
      const before = await tipCount();
      const res = await sup.call<{ errors: Record<string, string[]> }>('POST', '/api/tips/import', {
        tips: [
          { ...newTip(), receivedAt: '2023-05-01T00:00:00Z', externalRef: 'OK-1' },
          { ...newTip(), receivedAt: '2999-05-01T00:00:00Z', externalRef: 'BAD-1' },
        ],
      });
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors)).toContain('tips.1.receivedAt');
      expect(await tipCount()).toBe(before);
    });

    it("says in the trace that a tip was imported, and reads it in time order with the import's own event", async () => {
      const started = Date.now();
      const imported = await sup.must<{ ids: string[] }>(
        'POST',
        '/api/tips/import',
        { tips: [{ ...newTip(), receivedAt: '2023-12-25T13:00:00Z', externalRef: 'Q4-TRACE-1' }] },
        [202],
      );
      const live = (await post(newTip())).body.id as string;
      // Triage takes them on now, years after the imported tip was first received.
      await stack.start('dispatcher');
      await stack.start('triage-worker');
      type Trace = {
        imported: boolean;
        importedAt: string | null;
        tip: { imported: boolean };
        events: { at: string; type: string; actor: string | null; detail: object; text: object }[];
      };
      const traceOf = (id: string) =>
        waitFor(
          async () => {
            const t = await sup.must<Trace>('GET', `/api/tips/${id}/trace`);
            return t.body.events.some((e) => e.type === 'triaged') ? t.body : undefined;
          },
          60_000,
          () => `tip ${id} triaged`,
          200,
        );
      const trace = await traceOf(imported.body.ids[0]);
      expect(trace.imported).toBe(true);
      expect(trace.tip.imported).toBe(true);
      const importedAt = Date.parse(trace.importedAt!);
      expect(importedAt).toBeGreaterThanOrEqual(started - 5_000);
      expect(importedAt).toBeLessThanOrEqual(Date.now());
      expect(trace.events.slice(0, 3).map((e) => e.type)).toEqual([
        'received',
        'imported',
        'triaged',
      ]);
      const times = trace.events.map((e) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(trace.events[0]).toMatchObject({
        at: '2023-12-25T13:00:00.000Z',
        actor: sup.username,
        text: { en: expect.stringContaining('earlier register') },
      });
      expect(trace.events[1]).toMatchObject({
        at: trace.importedAt,
        actor: sup.username,
        detail: { externalRef: 'Q4-TRACE-1' },
        text: {
          vi: 'Nhập vào hệ thống từ sổ tiếp nhận trước đây (số Q4-TRACE-1)',
          en: 'Imported from an earlier register (record Q4-TRACE-1)',
        },
      });
      // A tip taken live says nothing of the kind.
      const liveTrace = await traceOf(live);
      expect(liveTrace.imported).toBe(false);
      expect(liveTrace.importedAt).toBeNull();
      expect(liveTrace.events.map((e) => e.type)).not.toContain('imported');
    });
  });
});
