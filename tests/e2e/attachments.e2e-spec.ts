import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import exifr from 'exifr';
import { Client } from 'pg';
import sharp from 'sharp';
import { ApiClient, download, ProcessStack, uploadFile, userWithRole, waitFor } from '@tools/stack';
import { newTip, testStack, TestStack } from '@app/testing';

const MAX_BYTES = 300 * 1024;
const PER_TIP = 3;

interface Added {
  id: string;
  kind: string;
  size: number;
  sha256: string;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A camera photo: a JPEG with EXIF that names the camera and where it was taken. */
async function photoWithGps(): Promise<Buffer> {
  const noise = Buffer.alloc(320 * 240 * 3);
  for (let i = 0; i < noise.length; i += 1) noise[i] = (i * 7919) % 251;
  return sharp(noise, { raw: { width: 320, height: 240, channels: 3 } })
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'Evidence 1', Artist: 'Nguyen Van Canary' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '10/1 46/1 30/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '106/1 41/1 0/1',
      },
    })
    .toBuffer();
}

/** Bytes that file-type takes for a PDF, padded to `size`. */
function pdfOf(size: number): Buffer {
  const b = Buffer.alloc(size, 0x20);
  b.write('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 0, 'latin1');
  b.write('\n%%EOF\n', size - 7, 'latin1');
  return b;
}

/**
 * Evidence with a tip: uploads streamed and judged from their bytes, images stored without
 * metadata, downloads only as attachments for the people who may read the tip, limits (413,
 * 415, 409), the public channel with the follow-up code, the audit log, and the purge.
 */
describe('evidence (attachments)', () => {
  let stack: ProcessStack;
  let t: TestStack | undefined;
  let opA: ApiClient;
  let opB: ApiClient;
  let inv: ApiClient;
  let sup: ApiClient;
  let admin: ApiClient;
  let db: Client;
  let tipId: string;
  let photo: Added;

  const count = async (tip: string) =>
    (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM attachments WHERE tip_id = $1`,
        [tip],
      )
    ).rows[0].n;
  const stageOf = async (id: string) =>
    (await db.query<{ stage: string }>(`SELECT stage FROM tips WHERE id = $1`, [id])).rows[0]
      ?.stage;

  beforeAll(async () => {
    t = await testStack('attachments', (s) => s.startAll(), {
      env: {
        ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
        ATTACHMENTS_PER_TIP: String(PER_TIP),
        ATTACHMENT_UPLOADS_AT_ONCE: '2',
        RATE_LIMIT_PUBLIC_SUBMIT_PER_MIN: '1000',
        RETENTION_DAYS: '0',
        RETENTION_INTERVAL_MS: '500',
        JOB_BACKOFF_MS: '100',
      },
    });
    ({ stack, db } = t);
    [opA, opB, inv, sup, admin] = await Promise.all([
      userWithRole(stack.baseUrl, 'operator'),
      userWithRole(stack.baseUrl, 'operator'),
      userWithRole(stack.baseUrl, 'investigator'),
      userWithRole(stack.baseUrl, 'supervisor'),
      userWithRole(stack.baseUrl, 'admin'),
    ]);
    tipId = (
      await opA.must<{ id: string }>('POST', '/api/tips', newTip({ ward: 'Phường 15' }), [202])
    ).body.id;
  });

  afterAll(() => t?.cleanup());

  it('stores a photo without its EXIF and GPS, sealed, with the SHA-256 of the stored bytes', async () => {
    const original = await photoWithGps();
    // The photo really carries a position and a name before it is sent.
    expect(await exifr.gps(original)).toMatchObject({ latitude: 10.775 });
    expect((await sharp(original).metadata()).exif).toBeDefined();

    const res = await opA.upload<Added>(`/api/tips/${tipId}/attachments`, original, 'IMG_0001.jpg');
    expect(res.status).toBe(201);
    photo = res.body;
    expect(photo).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: 'image',
      size: expect.any(Number),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const got = await inv.download(`/api/attachments/${photo.id}`);
    expect(got.status).toBe(200);
    expect(got.bytes.length).toBe(photo.size);
    expect(sha256(got.bytes)).toBe(photo.sha256);
    const meta = await sharp(got.bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 320, height: 240 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(await exifr.gps(got.bytes)).toBeUndefined();
    expect(got.bytes.includes(Buffer.from('Canary'))).toBe(false);
    expect(got.bytes.includes(Buffer.from('TestPhone'))).toBe(false);

    // At rest: sealed chunks under the tipster key's id, no JPEG or EXIF bytes in the clear.
    const row = await db.query<{ key_id: string; chunk_count: number }>(
      `SELECT key_id, chunk_count FROM attachments WHERE id = $1`,
      [photo.id],
    );
    expect(row.rows[0]).toEqual({ key_id: 'k1', chunk_count: 1 });
    const chunk = await db.query<{ data: Buffer }>(
      `SELECT data FROM attachment_chunks WHERE attachment_id = $1`,
      [photo.id],
    );
    expect(chunk.rows).toHaveLength(1);
    expect(chunk.rows[0].data.subarray(28, 30).equals(Buffer.from([0xff, 0xd8]))).toBe(false);
    expect(chunk.rows[0].data.includes(got.bytes.subarray(100, 140))).toBe(false);
  });

  it('serves a file only as a download, never to be shown or run in the browser', async () => {
    const got = await opA.download(`/api/attachments/${photo.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w.-]+\.jpg"$/);
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    const csp = got.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('sandbox');
    expect(csp).toContain("default-src 'none'");
    expect(got.headers.get('cache-control')).toBe('no-store');
  });

  it('lists the files with their hashes, counts them on the tip and shows them in the trace', async () => {
    const list = await inv.must<unknown[]>('GET', `/api/tips/${tipId}/attachments`);
    expect(list.body).toEqual([
      {
        id: photo.id,
        kind: 'image',
        size: photo.size,
        sha256: photo.sha256,
        addedAt: expect.any(String),
        addedBy: opA.username,
      },
    ]);
    const tip = await opA.must<{ attachmentCount: number }>('GET', `/api/tips/${tipId}`);
    expect(tip.body.attachmentCount).toBe(1);
    const trace = await sup.must<{ events: { type: string; actor: string | null }[] }>(
      'GET',
      `/api/tips/${tipId}/trace`,
    );
    expect(trace.body.events.filter((e) => e.type === 'attachment_added')).toEqual([
      expect.objectContaining({ type: 'attachment_added', actor: opA.username }),
    ]);
  });

  it('refuses a file over ATTACHMENT_MAX_BYTES with 413 and keeps nothing of it', async () => {
    const before = await count(tipId);
    const over = await opA.upload<{ message: string }>(
      `/api/tips/${tipId}/attachments`,
      pdfOf(MAX_BYTES + 50 * 1024),
      'statement.pdf',
    );
    expect(over.status).toBe(413);
    expect(over.body.message).toMatch(/at most/);
    // Declared far over the limit: refused before the body is read.
    const far = await opA.upload(
      `/api/tips/${tipId}/attachments`,
      pdfOf(MAX_BYTES * 4),
      'statement.pdf',
    );
    expect(far.status).toBe(413);
    // Just under the limit passes.
    const under = await opA.upload<Added>(
      `/api/tips/${tipId}/attachments`,
      pdfOf(MAX_BYTES - 1024),
      'statement.pdf',
    );
    expect(under.status).toBe(201);
    expect(under.body).toMatchObject({ kind: 'document', size: MAX_BYTES - 1024 });
    expect(under.body.sha256).toBe(sha256(pdfOf(MAX_BYTES - 1024)));
    const back = await sup.download(`/api/attachments/${under.body.id}`);
    expect(back.bytes.equals(pdfOf(MAX_BYTES - 1024))).toBe(true);
    expect(await count(tipId)).toBe(before + 1);
    const leftovers = await db.query(
      `SELECT 1 FROM attachment_chunks c WHERE NOT EXISTS
         (SELECT 1 FROM attachments a WHERE a.id = c.attachment_id)`,
    );
    expect(leftovers.rowCount).toBe(0);
  });

  it('judges the type from the bytes, not the name: 415 for a program or a page named .jpg', async () => {
    const before = await count(tipId);
    const html = Buffer.from('<!doctype html><html><script>alert(1)</script></html>');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), pdfOf(4096)]);
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200), Buffer.from('PE\0\0')]);
    for (const bytes of [html, elf, exe]) {
      const res = await opA.upload<{ statusCode: number }>(
        `/api/tips/${tipId}/attachments`,
        bytes,
        'photo.jpg',
      );
      expect(res.status).toBe(415);
    }
    // A JPEG header on bytes that are not an image: the decoder refuses it.
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 7)]);
    expect((await opA.upload(`/api/tips/${tipId}/attachments`, fake, 'x.jpg')).status).toBe(415);
    // Not multipart at all.
    expect(
      (await opA.call('POST', `/api/tips/${tipId}/attachments`, { file: 'aGVsbG8=' })).status,
    ).toBe(415);
    expect(await count(tipId)).toBe(before);
  });

  it('allows ATTACHMENTS_PER_TIP files to a tip, even when sent all at once (409 past it)', async () => {
    const tip = (
      await opA.must<{ id: string }>('POST', '/api/tips', newTip({ ward: 'Phường 18' }), [202])
    ).body.id;
    const sent = await Promise.all(
      Array.from({ length: PER_TIP + 3 }, (_, i) =>
        opA.upload(`/api/tips/${tip}/attachments`, pdfOf(20_000 + i), `doc${i}.pdf`),
      ),
    );
    const statuses = sent.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array<number>(PER_TIP).fill(201), ...Array<number>(3).fill(409)]);
    expect(await count(tip)).toBe(PER_TIP);
    expect((await sup.upload(`/api/tips/${tip}/attachments`, pdfOf(1000), 'late.pdf')).status).toBe(
      409,
    );
  });

  it('keeps files to those who may read the tip', async () => {
    const list = `/api/tips/${tipId}/attachments`;
    const file = `/api/attachments/${photo.id}`;
    // Another operator: the tip does not exist for it.
    expect((await opB.call('GET', list)).status).toBe(404);
    expect((await opB.download(file)).status).toBe(404);
    expect((await opB.upload(list, pdfOf(2000), 'a.pdf')).status).toBe(404);
    // Investigators read but do not add; admins see no tip content.
    expect((await inv.upload(list, pdfOf(2000), 'a.pdf')).status).toBe(403);
    expect((await admin.call('GET', list)).status).toBe(403);
    expect((await admin.download(file)).status).toBe(403);
    // No token.
    expect((await download(stack.baseUrl, file)).status).toBe(401);
    expect((await uploadFile(stack.baseUrl, list, pdfOf(2000), 'a.pdf')).status).toBe(401);
    // Unknown ids.
    expect(
      (await sup.download('/api/attachments/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
    expect((await sup.download('/api/attachments/not-an-id')).status).toBe(404);
    // A supervisor adds to any tip.
    expect((await sup.upload(list, pdfOf(3000), 'b.pdf')).status).toBe(201);
  });

  it('lets a tipster add a file with the follow-up code; a wrong code is 404', async () => {
    const sent = await fetch(`${stack.baseUrl}/api/public/tips`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        category: 'theft',
        ward: 'Phường 3',
        description: 'Có người lấy trộm xe máy trước cửa hàng tạp hóa lúc 8 giờ tối qua.',
      }),
    });
    expect(sent.status).toBe(202);
    const { followUpCode } = (await sent.json()) as { followUpCode: string };
    const original = await photoWithGps();
    const res = await uploadFile<Added>(
      stack.baseUrl,
      '/api/public/tips/attachments',
      original,
      'plate.jpg',
      { 'x-follow-up-code': followUpCode },
    );
    expect(res.status).toBe(201);
    expect(res.body.kind).toBe('image');
    const wrong = await uploadFile(
      stack.baseUrl,
      '/api/public/tips/attachments',
      original,
      'plate.jpg',
      { 'x-follow-up-code': `${followUpCode.slice(0, -2)}zz` },
    );
    expect(wrong.status).toBe(404);
    const none = await uploadFile(stack.baseUrl, '/api/public/tips/attachments', original, 'p.jpg');
    expect(none.status).toBe(404);
    const tip = await db.query<{ tip_id: string; added_by: string }>(
      `SELECT tip_id, added_by FROM attachments WHERE id = $1`,
      [res.body.id],
    );
    expect(tip.rows[0].added_by).toBe('tipster');
    const stored = await sup.download(`/api/attachments/${res.body.id}`);
    expect(await exifr.gps(stored.bytes)).toBeUndefined();
    expect(sha256(stored.bytes)).toBe(res.body.sha256);
  });

  it('rolls back an upload whose client goes away, and frees its place for the next', async () => {
    const tip = (
      await opA.must<{ id: string }>('POST', '/api/tips', newTip({ ward: 'Phường 4' }), [202])
    ).body.id;
    const token = (
      await fetch(`${stack.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: sup.username, password: 'test-password-123' }),
      }).then((r) => r.json() as Promise<{ accessToken: string }>)
    ).accessToken;
    const boundary = 'cutoff-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="v.pdf"\r\n` +
        'Content-Type: application/pdf\r\n\r\n',
    );
    const port = new URL(stack.baseUrl).port;
    // More clients walk away mid-file than uploads may stream at once (2 here).
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((done) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            `POST /api/tips/${tip}/attachments HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
              `Authorization: Bearer ${token}\r\n` +
              `Content-Type: multipart/form-data; boundary=${boundary}\r\n` +
              `Content-Length: ${MAX_BYTES}\r\n\r\n`,
          );
          socket.write(Buffer.concat([head, pdfOf(100_000)]));
          setTimeout(() => {
            socket.destroy();
            done();
          }, 300);
        });
        socket.on('error', () => undefined);
      });
    }
    const next = await sup.upload<Added>(`/api/tips/${tip}/attachments`, pdfOf(5000), 'n.pdf');
    expect(next.status).toBe(201);
    expect(await count(tip)).toBe(1);
    const orphans = await db.query(
      `SELECT 1 FROM attachment_chunks c WHERE NOT EXISTS
         (SELECT 1 FROM attachments a WHERE a.id = c.attachment_id)`,
    );
    expect(orphans.rowCount).toBe(0);
  });

  it('audits every upload and download with ids only', async () => {
    const rows = await db.query<{
      action: string;
      entity_type: string;
      entity_id: string;
      outcome: string;
      detail: Record<string, unknown>;
    }>(
      `SELECT action, entity_type, entity_id, outcome, detail FROM audit_log
        WHERE action IN ('tip.attachment_added', 'attachment.downloaded') ORDER BY id`,
    );
    const added = rows.rows.filter(
      (r) => r.action === 'tip.attachment_added' && r.outcome === 'success',
    );
    expect(added.map((r) => r.detail.attachmentId)).toContain(photo.id);
    expect(added.find((r) => r.detail.attachmentId === photo.id)).toMatchObject({
      entity_type: 'tip',
      entity_id: tipId,
    });
    const refused = rows.rows.filter(
      (r) => r.action === 'tip.attachment_added' && r.outcome !== 'success',
    );
    expect(refused.map((r) => r.detail.problem)).toEqual(
      expect.arrayContaining(['too_large', 'unsupported_type', 'conflict']),
    );
    const downloads = rows.rows.filter(
      (r) => r.action === 'attachment.downloaded' && r.entity_id === photo.id,
    );
    expect(downloads.filter((r) => r.outcome === 'success').length).toBeGreaterThanOrEqual(2);
    expect(downloads.some((r) => r.outcome === 'failure')).toBe(true);
    expect(downloads.some((r) => r.outcome === 'denied')).toBe(true);
    // Ids, kinds, sizes and hashes: never a file's bytes or its name.
    const text = JSON.stringify(rows.rows);
    expect(text).not.toContain('IMG_0001');
    expect(text).not.toContain('Canary');
    expect(text).not.toContain('%PDF');
    for (const line of stack.logs()) {
      expect(line).not.toContain('IMG_0001');
      expect(line).not.toContain('Canary');
    }
  });

  it('removes the files with the tip’s data when the retention purge runs', async () => {
    await waitFor(
      async () => (await stageOf(tipId)) === 'lead_open',
      30_000,
      async () => `lead_open, stage ${await stageOf(tipId)}`,
    );
    const lead = await inv.must<{ id: string }>('POST', '/api/leads/claim', {
      wards: ['Phường 15'],
    });
    const linked = await inv.must<{ case: { id: string } }>(
      'POST',
      `/api/leads/${lead.body.id}/link`,
      {
        newCase: {
          title: 'Vụ việc tại Phường 15',
          kind: 'criminal',
          category: 'theft',
          severity: 'less_serious',
          ward: 'Phường 15',
          occurredAt: '2026-01-10T10:00:00Z',
        },
      },
    );
    const ids = (
      await db.query<{ id: string }>(`SELECT id FROM attachments WHERE tip_id = $1`, [tipId])
    ).rows.map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    await inv.must(
      'POST',
      `/api/cases/${linked.body.case.id}/resolve`,
      { resolution: 'solved' },
      [200],
    );
    await waitFor(
      async () => (await count(tipId)) === 0 || undefined,
      30_000,
      () => 'the purge',
    );
    const chunks = await db.query(
      `SELECT 1 FROM attachment_chunks WHERE attachment_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(chunks.rowCount).toBe(0);
    const audit = await db.query<{ detail: { attachments: number } }>(
      `SELECT detail FROM audit_log WHERE action = 'tipster.purged' AND entity_id = $1`,
      [tipId],
    );
    expect(audit.rows[0].detail.attachments).toBe(ids.length);
    expect((await inv.download(`/api/attachments/${photo.id}`)).status).toBe(404);
    const tip = await sup.must<{ attachmentCount: number }>('GET', `/api/tips/${tipId}`);
    expect(tip.body.attachmentCount).toBe(0);
  });

  it('re-seals every file under a new key with rotate-tipster-key; the API then reads them with it', async () => {
    const files = await db.query<{ id: string; sha256: string; key_id: string }>(
      `SELECT id, sha256, key_id FROM attachments ORDER BY id`,
    );
    expect(files.rows.length).toBeGreaterThan(0);
    expect(new Set(files.rows.map((r) => r.key_id))).toEqual(new Set(['k1']));
    const newKey = randomBytes(32).toString('base64');
    const oldKey = 'ZGV2LW9ubHktdGlwc3Rlci1rZXktMzItYnl0ZXMhISE='; // the dev key the stack used
    const keys = { TIPSTER_KEY: newKey, TIPSTER_KEY_ID: 'k2', TIPSTER_OLD_KEYS: `k1:${oldKey}` };
    const run = await promisify(execFile)(
      process.execPath,
      ['dist/apps/cli/src/main.js', 'rotate-tipster-key'],
      { env: { ...stack.env(), ...keys } },
    );
    expect(run.stdout).toContain('attachments re-encrypted');
    expect(run.stdout).toContain(`"reencrypted":${files.rows.length}`);
    const after = await db.query<{ key_id: string; n: number }>(
      `SELECT key_id, count(*)::int AS n FROM attachments GROUP BY 1`,
    );
    expect(after.rows).toEqual([{ key_id: 'k2', n: files.rows.length }]);
    // The API restarted with the new key alone opens every file, byte for byte as stored.
    for (const p of stack.alive('api')) await stack.kill(p, 'SIGTERM');
    await stack.start('api', { TIPSTER_KEY: newKey, TIPSTER_KEY_ID: 'k2' });
    const sup2 = await ApiClient.login(stack.baseUrl, sup.username, 'test-password-123');
    for (const f of files.rows) {
      const got = await sup2.download(`/api/attachments/${f.id}`);
      expect(got.status).toBe(200);
      expect(sha256(got.bytes)).toBe(f.sha256);
    }
  });
});
