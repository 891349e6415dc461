import { JwtService } from '@nestjs/jwt';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { Client } from 'pg';
import { ApiClient, freePort, http, ProcessStack, userWithRole, waitFor } from '@tools/stack';
import { newTestEnv, newTip, TestEnv } from '@app/testing';

interface DeclaredRoute {
  method: string;
  path: string;
  access: 'public' | string[];
}
interface PublicView {
  status: string;
  messages: { direction: string; body: string; createdAt: string }[];
}
interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
}

const JWT_SECRET = 'e2e-security-secret-0123456789ab';
const ROLES = ['operator', 'investigator', 'supervisor', 'admin'] as const;
const FAILURE_LIMIT = 5;
const ROUTE_TABLE = join(tmpdir(), `tiptrace-routes-${process.pid}.json`);
// Unique strings that must never leave the encrypted column or the message table.
const CANARY = `Canary${randomBytes(5).toString('hex')}`;
const CANARY_NAME = `Nguyễn ${CANARY} Name`;
const CANARY_PHONE = `09${String(Date.now()).slice(-8)}`;
const CANARY_EMAIL = `${CANARY.toLowerCase()}@example.vn`;
const CANARY_BODY = `Tin nhắn ${CANARY} body`;

/**
 * Tipster protection and access control against the real processes: the role × route matrix from
 * the route table the API declares, break-glass identity access, the public channel, key-sealed
 * identities, log hygiene, throttling and retention with legal holds.
 */
describe('security', () => {
  let env: TestEnv;
  let stack: ProcessStack;
  let db: Client;
  let operator: ApiClient;
  let investigator: ApiClient;
  let supervisor: ApiClient;
  let admin: ApiClient;
  const jwt = new JwtService({});
  const secrets: string[] = [];
  let revealedTipId = '';
  const mfaName = `mfa.rotate.${randomBytes(3).toString('hex')}`;
  const mfaPassword = 'test-password-123';
  let mfaSecret = '';

  const anon = <T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => http<T>(stack.baseUrl, method, path, body, headers);

  const stageOf = async (tipId: string) =>
    (await db.query<{ stage: string }>(`SELECT stage FROM tips WHERE id = $1`, [tipId])).rows[0]
      ?.stage;

  /** Waits for the tip's lead, claims it (the only one in its ward) and links it to a new case. */
  async function onNewCase(tipId: string, ward: string): Promise<string> {
    await waitFor(
      async () => (await stageOf(tipId)) === 'lead_open',
      30_000,
      async () => `lead_open, stage ${await stageOf(tipId)}`,
    );
    const lead = await investigator.must<{ id: string }>('POST', '/api/leads/claim', {
      wards: [ward],
    });
    const linked = await investigator.must<{ case: { id: string } }>(
      'POST',
      `/api/leads/${lead.body.id}/link`,
      {
        newCase: {
          title: `Vụ việc tại ${ward}`,
          kind: 'criminal',
          category: 'theft',
          severity: 'less_serious',
          ward,
          occurredAt: '2026-01-10T10:00:00Z',
        },
      },
    );
    return linked.body.case.id;
  }

  /** A tip with the canary identity, driven to a resolved case (or left open when `resolve` is false). */
  async function tipOnCase(
    ward: string,
    resolve: boolean,
  ): Promise<{ tipId: string; caseId: string }> {
    const tip = await operator.must<{ id: string }>(
      'POST',
      '/api/tips',
      newTip({ ward, anonymous: false, tipster: { name: CANARY_NAME, phone: CANARY_PHONE } }),
    );
    const tipId = tip.body.id;
    const caseId = await onNewCase(tipId, ward);
    await investigator.must('POST', `/api/tips/${tipId}/messages`, { body: CANARY_BODY });
    if (resolve) {
      await investigator.must(
        'POST',
        `/api/cases/${caseId}/resolve`,
        { resolution: 'solved' },
        [200],
      );
      await waitFor(
        async () =>
          (await db.query(`SELECT 1 FROM tips WHERE id = $1 AND case_status = 'resolved'`, [tipId]))
            .rowCount === 1,
        30_000,
        () => 'the case outcome on the tip',
      );
    }
    return { tipId, caseId };
  }

  beforeAll(async () => {
    env = newTestEnv('security');
    stack = await ProcessStack.create({
      ...env,
      env: {
        JWT_SECRET,
        ROUTE_TABLE_FILE: ROUTE_TABLE,
        RATE_LIMIT_LOGIN_PER_MIN: '20',
        RATE_LIMIT_PUBLIC_SUBMIT_PER_MIN: '1000',
        RATE_LIMIT_PUBLIC_READ_PER_MIN: '1000',
        FOLLOW_UP_FAILURE_LIMIT: String(FAILURE_LIMIT),
        RETENTION_DAYS: '0',
        RETENTION_INTERVAL_MS: '60000',
        LOG_LEVEL: 'debug',
      },
    });
    await stack.startAll();
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    [operator, investigator, supervisor, admin] = await Promise.all(
      ROLES.map((r) => userWithRole(stack.baseUrl, r)),
    );
    // A second factor sealed under the first tipster key, for the key rotation (here: before the
    // login limit is used up by its test).
    await admin.must(
      'POST',
      '/api/users',
      { username: mfaName, password: mfaPassword, role: 'investigator' },
      [201],
    );
    const mfaUser = await ApiClient.login(stack.baseUrl, mfaName, mfaPassword);
    const enrolment = await mfaUser.must<{ secret: string }>('POST', '/api/users/me/mfa');
    mfaSecret = enrolment.body.secret;
    const code = new TOTP({ secret: Secret.fromBase32(mfaSecret) }).generate();
    await mfaUser.must('POST', '/api/users/me/mfa/confirm', { code }, [204]);
  });

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
    await env?.cleanup();
    rmSync(ROUTE_TABLE, { force: true });
  });

  describe('role × route matrix', () => {
    it('covers every route the OpenAPI document lists, each declared', async () => {
      const table = JSON.parse(readFileSync(ROUTE_TABLE, 'utf8')) as DeclaredRoute[];
      const doc = await anon<{ paths: Record<string, Record<string, unknown>> }>(
        'GET',
        '/docs-json',
      );
      expect(doc.status).toBe(200);
      const declared = new Set(table.map((r) => `${r.method} ${r.path}`));
      const documented = Object.entries(doc.body.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      );
      expect(documented.filter((r) => !declared.has(r))).toEqual([]);
      expect(table.length).toBeGreaterThan(20);
      for (const r of table) expect(r.access === 'public' || r.access.length > 0).toBe(true);
      // Queue health is for supervisors and admins; the console's pages are public (no data).
      expect(table).toContainEqual({
        method: 'GET',
        path: '/api/ops/queues',
        access: ['supervisor', 'admin'],
      });
      expect(table).toContainEqual({ method: 'GET', path: '/*', access: 'public' });
      // Accounts: the admin manages them; everyone manages its own password and second factor.
      for (const [method, path] of [
        ['GET', '/api/users'],
        ['POST', '/api/users'],
        ['PATCH', '/api/users/:id'],
        ['POST', '/api/users/:id/password'],
        ['DELETE', '/api/users/:id/mfa'],
      ]) {
        expect(table).toContainEqual({ method, path, access: ['admin'] });
      }
      for (const path of [
        '/api/users/me/password',
        '/api/users/me/mfa',
        '/api/users/me/mfa/confirm',
      ]) {
        expect(table).toContainEqual({ method: 'POST', path, access: [...ROLES] });
      }
    });

    it('answers 401/403 exactly as declared, for every route, role and bad token', async () => {
      const table = JSON.parse(readFileSync(ROUTE_TABLE, 'utf8')) as DeclaredRoute[];
      const now = Math.floor(Date.now() / 1000);
      const someone = randomUUID();
      const forged = await jwt.signAsync(
        { sub: someone, role: 'admin' },
        { secret: 'not-the-servers-secret-0123456', algorithm: 'HS256', issuer: 'tiptrace' },
      );
      const meId = (await admin.must<{ id: string }>('GET', '/api/users/me')).body.id;
      const expired = await jwt.signAsync(
        { sub: meId, role: 'admin', iat: now - 3600, exp: now - 60 },
        { secret: JWT_SECRET, algorithm: 'HS256', issuer: 'tiptrace' },
      );
      const clients = { operator, investigator, supervisor, admin } as const;
      const failures: string[] = [];
      for (const route of table) {
        // Login is rate-limited: its row is checked by the throttling test instead.
        if (route.path === '/api/auth/login') continue;
        const path = route.path.replace(/:\w+/g, randomUUID());
        const body = route.method === 'GET' ? undefined : {};
        const expectFor = (allowed: boolean, status: number, who: string, deniedStatus: number) => {
          const denied = status === 401 || status === 403;
          if (allowed && denied)
            failures.push(`${route.method} ${route.path} as ${who}: ${status}`);
          if (!allowed && status !== deniedStatus) {
            failures.push(
              `${route.method} ${route.path} as ${who}: ${status}, expected ${deniedStatus}`,
            );
          }
        };
        const isPublic = route.access === 'public';
        for (const role of ROLES) {
          const res = await clients[role].call(route.method, path, body);
          expectFor(isPublic || route.access.includes(role), res.status, role, 403);
        }
        for (const [who, token] of [
          ['no token', null],
          ['forged token', forged],
          ['expired token', expired],
        ] as const) {
          const res = await anon(
            route.method,
            path,
            body,
            token ? { authorization: `Bearer ${token}` } : {},
          );
          expectFor(isPublic, res.status, who, 401);
        }
      }
      expect(failures).toEqual([]);
    });
  });

  describe('break-glass identity access', () => {
    let tipId: string;

    beforeAll(async () => {
      const res = await operator.must<{ id: string }>(
        'POST',
        '/api/tips',
        newTip({
          ward: 'Phường 8',
          anonymous: false,
          tipster: { name: CANARY_NAME, phone: CANARY_PHONE, email: CANARY_EMAIL },
        }),
      );
      tipId = res.body.id;
      revealedTipId = tipId;
    });

    it('returns the decrypted identity to a supervisor with a reason, audited', async () => {
      const reason = 'Cần liên hệ nhân chứng để lấy lời khai';
      const res = await supervisor.must<Record<string, string>>(
        'POST',
        `/api/tips/${tipId}/tipster`,
        { reason },
        [200],
      );
      expect(res.body).toEqual({ name: CANARY_NAME, phone: CANARY_PHONE, email: CANARY_EMAIL });
      const audit = await db.query(
        `SELECT actor, action, entity_type, outcome, reason FROM audit_log
          WHERE action = 'tipster.revealed' AND entity_id = $1 AND outcome = 'success'`,
        [tipId],
      );
      expect(audit.rows).toEqual([
        expect.objectContaining({ entity_type: 'tipster', outcome: 'success', reason }),
      ]);
    });

    it('refuses other roles (403, audited as denied), short reasons (400), unknown tips (404)', async () => {
      for (const c of [operator, investigator, admin]) {
        expect(
          (await c.call('POST', `/api/tips/${tipId}/tipster`, { reason: 'muốn xem danh tính' }))
            .status,
        ).toBe(403);
      }
      const denied = await db.query(
        `SELECT role FROM audit_log WHERE action = 'tipster.revealed' AND entity_id = $1 AND outcome = 'denied'`,
        [tipId],
      );
      expect(denied.rows.map((r: { role: string }) => r.role).sort()).toEqual([
        'admin',
        'investigator',
        'operator',
      ]);
      expect(
        (await supervisor.call('POST', `/api/tips/${tipId}/tipster`, { reason: 'ngắn' })).status,
      ).toBe(400);
      expect(
        (
          await supervisor.call('POST', `/api/tips/${randomUUID()}/tipster`, {
            reason: 'kiểm tra một mã không có',
          })
        ).status,
      ).toBe(404);
      const anonymousTip = await operator.must<{ id: string }>(
        'POST',
        '/api/tips',
        newTip({ ward: 'Phường 8' }),
      );
      expect(
        (
          await supervisor.call('POST', `/api/tips/${anonymousTip.body.id}/tipster`, {
            reason: 'tin báo ẩn danh, thử xem',
          })
        ).status,
      ).toBe(404);
    });

    it('never returns the identity on ordinary reads', async () => {
      const view = await supervisor.must('GET', `/api/tips/${tipId}`);
      const trace = await supervisor.must('GET', `/api/tips/${tipId}/trace`);
      for (const body of [view.body, trace.body])
        expect(JSON.stringify(body)).not.toContain(CANARY);
    });
  });

  describe('public channel', () => {
    let code: string;
    let reference: string;

    it('takes a tip without an account: 202 {reference, followUpCode}, code stored only hashed', async () => {
      const res = await anon<{ reference: string; followUpCode: string }>(
        'POST',
        '/api/public/tips',
        {
          category: 'drugs',
          ward: 'Phường 9',
          description:
            'Có người bán ma túy đá tại quán cà phê đầu hẻm 45 Tôn Đản mỗi tối khoảng 21 giờ.',
          channel: 'app',
          tipster: { phone: CANARY_PHONE },
        },
      );
      expect(res.status).toBe(202);
      expect(Object.keys(res.body).sort()).toEqual(['followUpCode', 'reference']);
      ({ code, reference } = { code: res.body.followUpCode, reference: res.body.reference });
      secrets.push(code);
      // Five groups of five: 24 characters and a check character.
      expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){4}[0-9A-HJKMNP-TV-Z]{5}$/);
      const row = (
        await db.query(
          `SELECT id, channel, anonymous, has_contact, follow_up_lookup, follow_up_hash, submitted_by
             FROM tips WHERE reference = $1`,
          [reference],
        )
      ).rows[0];
      expect(row).toMatchObject({
        channel: 'app',
        anonymous: false,
        has_contact: true,
        submitted_by: 'public',
      });
      expect(row.follow_up_hash).toMatch(/^\$argon2id\$/);
      expect(row.follow_up_hash).not.toContain(code.replace(/-/g, '').slice(8));
      expect(code.replace(/-/g, '').startsWith(row.follow_up_lookup)).toBe(true);
      // The same pipeline as the hotline's: triage and linkage take it on.
      await waitFor(
        async () => (await stageOf(row.id)) === 'lead_open',
        30_000,
        () => 'public tip to reach lead_open',
      );
    });

    it('refuses channels other than web/app and unknown fields', async () => {
      const base = {
        category: 'drugs',
        ward: 'Phường 9',
        description: 'Mô tả đủ dài để hợp lệ ở đây.',
      };
      expect((await anon('POST', '/api/public/tips', { ...base, channel: 'hotline' })).status).toBe(
        400,
      );
      expect((await anon('POST', '/api/public/tips', { ...base, anonymous: false })).status).toBe(
        400,
      );
    });

    it('shows the coarse status and the thread, both ways, and nothing else', async () => {
      const headers = { 'x-follow-up-code': code.toLowerCase() };
      const first = await anon<PublicView>('GET', '/api/public/tips/status', undefined, headers);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ status: 'under_review', messages: [] });
      const tipId = (await db.query(`SELECT id FROM tips WHERE reference = $1`, [reference]))
        .rows[0].id as string;
      // A supervisor talks with any tipster (an investigator needs the lead or the case).
      await supervisor.must('POST', `/api/tips/${tipId}/messages`, {
        body: 'Cảm ơn anh, xin cho biết thêm giờ giấc?',
      });
      const sent = await anon<PublicView>(
        'POST',
        '/api/public/tips/messages',
        { body: CANARY_BODY },
        headers,
      );
      expect(sent.status).toBe(201);
      expect(sent.body.messages.map((m) => m.direction)).toEqual(['to_tipster', 'from_tipster']);
      expect(Object.keys(sent.body.messages[0]).sort()).toEqual(['body', 'createdAt', 'direction']);
      const thread = await supervisor.must<{ direction: string; body: string }[]>(
        'GET',
        `/api/tips/${tipId}/messages`,
      );
      expect(thread.body.map((m) => m.direction)).toEqual(['to_tipster', 'from_tipster']);
    });

    it('answers a wrong code 404 after the same slow work as a right one', async () => {
      const time = async (c: string) => {
        const t0 = process.hrtime.bigint();
        const res = await anon('GET', '/api/public/tips/status', undefined, {
          'x-follow-up-code': c,
        });
        return { status: res.status, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
      };
      const wrong = code.replace(/^(....)/, (g) => (g === 'ZZZZ' ? 'YYYY' : 'ZZZZ'));
      // Interleaved, so that a spell of load on a shared machine falls on both alike. Two wrong
      // codes, as many as before: the tests below count on the per-client throttle's room.
      const right: { status: number; ms: number }[] = [];
      const unknown: { status: number; ms: number }[] = [];
      right.push(await time(code));
      for (let i = 0; i < 2; i++) {
        unknown.push(await time(wrong));
        right.push(await time(code));
      }
      expect(right.map((r) => r.status)).toEqual([200, 200, 200]);
      expect(unknown.map((r) => r.status)).toEqual([404, 404]);
      const mean = (xs: { ms: number }[]) => xs.reduce((a, x) => a + x.ms, 0) / xs.length;
      const median = right.map((r) => r.ms).sort((a, b) => a - b)[1];
      // argon2id dominates both: an unknown lookup id costs a dummy verification. Without it the
      // wrong code would answer some twenty times sooner.
      expect(mean(unknown)).toBeGreaterThan(median / 3);
      expect(mean(unknown)).toBeLessThan(median * 3);
      expect((await anon('GET', '/api/public/tips/status')).status).toBe(404);
    });

    it('reads the code as a person types it back; one character wrong is 404 like any wrong code', async () => {
      const status = (c: string) =>
        anon<PublicView>('GET', '/api/public/tips/status', undefined, { 'x-follow-up-code': c });
      const plain = code.replace(/-/g, '');
      // Lower case, spaces instead of dashes, and the look-alike letters for 0 and 1.
      const spoken = plain
        .toLowerCase()
        .match(/.{1,5}/g)!
        .join(' ')
        .replace(/0/g, 'o')
        .replace(/1/g, 'l');
      // A code given before the check character was added: its 24 characters in groups of four.
      const older = plain.slice(0, 24).match(/.{4}/g)!.join('-');
      for (const typed of [spoken, plain, ` ${code.toLowerCase()} `, older]) {
        const res = await status(typed);
        expect(res.status).toBe(200);
        expect(res.body.status).toBe('under_review');
      }
      const other = (c: string) => (c === '7' ? '8' : '7');
      // One character of the lookup id, then the check character itself, typed wrong.
      for (const i of [3, plain.length - 1]) {
        const typo = plain.slice(0, i) + other(plain[i]) + plain.slice(i + 1);
        const res = await status(typo);
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain(plain);
      }
    });
  });

  describe('public follow-up of a closed tip', () => {
    it('shows it closed and takes no more messages (409, nothing stored)', async () => {
      const ward = 'Phường 16';
      const tip = await operator.must<{ id: string; followUpCode: string }>(
        'POST',
        '/api/tips',
        newTip({ ward, followUp: true }),
      );
      const headers = { 'x-follow-up-code': tip.body.followUpCode };
      const caseId = await onNewCase(tip.body.id, ward);
      const open = await anon<{ status: string }>(
        'POST',
        '/api/public/tips/messages',
        {
          body: 'Tôi nhớ thêm biển số xe: 59X1-234.56',
        },
        headers,
      );
      expect(open.status).toBe(201);
      await investigator.must(
        'POST',
        `/api/cases/${caseId}/resolve`,
        {
          resolution: 'solved',
        },
        [200],
      );
      await waitFor(
        async () =>
          (await anon<{ status: string }>('GET', '/api/public/tips/status', undefined, headers))
            .body.status === 'closed',
        30_000,
      );
      const t0 = (await db.query(`SELECT now() AS t`)).rows[0].t as Date;
      const late = await anon<ErrorBody>(
        'POST',
        '/api/public/tips/messages',
        { body: 'Còn một chuyện nữa muốn báo thêm' },
        headers,
      );
      expect(late.status).toBe(409);
      expect(late.body.message).toContain('send a new tip');
      const stored = await db.query(
        `SELECT count(*)::int AS n FROM tip_messages WHERE tip_id = $1 AND created_at >= $2`,
        [tip.body.id, t0],
      );
      expect(stored.rows[0].n).toBe(0);
    });
  });

  describe('retention', () => {
    it('purges identity and messages after the case resolved, audited, unless on legal hold', async () => {
      const purged = await tipOnCase('Phường 10', true);
      const held = await tipOnCase('Phường 14', true);
      const open = await tipOnCase('Phường 13', false);
      const reason = 'Vụ án đang được viện kiểm sát xem xét lại';
      expect(
        (
          await investigator.call('POST', `/api/cases/${held.caseId}/legal-hold`, {
            hold: true,
            reason,
          })
        ).status,
      ).toBe(403);
      const hold = await supervisor.must<{ legalHold: boolean }>(
        'POST',
        `/api/cases/${held.caseId}/legal-hold`,
        { hold: true, reason },
        [200],
      );
      expect(hold.body.legalHold).toBe(true);
      // Restart the housekeeper with a fast retention pass now that the hold is in place.
      for (const p of stack.alive('housekeeper')) await stack.kill(p, 'SIGTERM');
      await stack.start('housekeeper', { RETENTION_INTERVAL_MS: '300' });
      await waitFor(
        async () =>
          (
            await db.query(`SELECT 1 FROM tips WHERE id = $1 AND identity_purged_at IS NOT NULL`, [
              purged.tipId,
            ])
          ).rowCount === 1,
        30_000,
        () => 'the purge of the resolved case',
      );
      const rows = await db.query(
        `SELECT id, tipster_cipher IS NOT NULL AS sealed, has_contact,
                (SELECT count(*)::int FROM tip_messages m WHERE m.tip_id = t.id) AS messages
           FROM tips t WHERE id = ANY($1)`,
        [[purged.tipId, held.tipId, open.tipId]],
      );
      const byId = new Map(rows.rows.map((r: { id: string }) => [r.id, r]));
      expect(byId.get(purged.tipId)).toMatchObject({
        sealed: false,
        has_contact: true,
        messages: 0,
      });
      expect(byId.get(held.tipId)).toMatchObject({ sealed: true, messages: 1 });
      expect(byId.get(open.tipId)).toMatchObject({ sealed: true, messages: 1 });
      const audit = await db.query(
        `SELECT entity_id FROM audit_log WHERE action = 'tipster.purged' AND entity_id = ANY($1)`,
        [[purged.tipId, held.tipId, open.tipId]],
      );
      expect(audit.rows.map((r: { entity_id: string }) => r.entity_id)).toEqual([purged.tipId]);
      const holdAudit = await db.query(
        `SELECT reason FROM audit_log WHERE action = 'case.legal_hold_set' AND entity_id = $1`,
        [held.caseId],
      );
      expect(holdAudit.rows).toEqual([{ reason }]);
      const gone = await supervisor.call<ErrorBody>('POST', `/api/tips/${purged.tipId}/tipster`, {
        reason: 'cần liên hệ lại nhân chứng',
      });
      expect(gone.status).toBe(404);
      // Statistics survive: the tip keeps its stage and outcome.
      const view = await supervisor.must<{
        stage: string;
        hasContact: boolean;
        outcome: { caseStatus: string };
      }>('GET', `/api/tips/${purged.tipId}`);
      expect(view.body).toMatchObject({
        stage: 'linked',
        hasContact: true,
        outcome: { caseStatus: 'resolved' },
      });
    });
  });

  describe('identity at rest and in logs', () => {
    it('holds no plaintext identity in any column of any table', async () => {
      const tables = (
        await db.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
        )
      ).rows.map((r) => r.table_name);
      const hits: string[] = [];
      for (const t of tables) {
        for (const needle of [CANARY, CANARY_PHONE, CANARY_EMAIL]) {
          // Row text shows bytea as hex, so look for the plaintext and for its hex encoding.
          const res = await db.query(
            `SELECT count(*)::int AS n FROM "${t}" x
              WHERE x::text ILIKE $1 OR x::text ILIKE '%' || encode(convert_to($2, 'UTF8'), 'hex') || '%'`,
            [`%${needle}%`, needle],
          );
          const n = (res.rows[0] as { n: number }).n;
          // Messages live in tip_messages (until purged); identities nowhere in plaintext.
          if (n > 0 && !(t === 'tip_messages' && needle === CANARY)) hits.push(`${t}: ${needle}`);
        }
      }
      expect(hits).toEqual([]);
      const sealed = await db.query(
        `SELECT tipster_cipher, tipster_key_id FROM tips WHERE tipster_cipher IS NOT NULL`,
      );
      expect(sealed.rows.length).toBeGreaterThan(0);
      for (const r of sealed.rows as { tipster_cipher: Buffer; tipster_key_id: string }[]) {
        const bytes = r.tipster_cipher.toString('latin1');
        expect(bytes).not.toContain(CANARY);
        expect(bytes).not.toContain(CANARY_PHONE);
        expect(r.tipster_key_id).toBe('k1');
      }
    });

    it('never writes identities, codes, message bodies, tokens or client addresses to any log', () => {
      const logs = stack.logs();
      expect(logs.length).toBeGreaterThan(1000);
      for (const needle of [
        CANARY,
        CANARY_PHONE,
        CANARY_EMAIL,
        ...secrets,
        ...secrets.map((s) => s.replace(/-/g, '')),
      ]) {
        expect(logs.includes(needle)).toBe(false);
      }
      expect(logs).not.toMatch(/Bearer [A-Za-z0-9_-]+\./);
      const requestLines = logs.split('\n').filter((l) => l.includes('"req":'));
      expect(requestLines.length).toBeGreaterThan(10);
      for (const line of requestLines) {
        expect(line).not.toMatch(
          /127\.0\.0\.1|::ffff:|remoteAddress|remotePort|user-agent|"ip"|"headers"/i,
        );
      }
    });
  });

  describe('hardening', () => {
    it('sends security headers, keeps /docs working, and CORS closed', async () => {
      const res = await fetch(`${stack.baseUrl}/api/reference`, {
        headers: { origin: 'https://evil.example' },
      });
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('strict-transport-security')).toBeTruthy();
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('x-powered-by')).toBeNull();
      const docs = await fetch(`${stack.baseUrl}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain('swagger');
      expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
      // The web console: its own files only, no inline script, no other host.
      const page = await fetch(`${stack.baseUrl}/`);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
    });

    it('throttles repeated wrong follow-up codes per client with 429, even the right code then', async () => {
      let status = 0;
      let tries = 0;
      while (status !== 429 && tries < FAILURE_LIMIT + 5) {
        tries++;
        const wrong = Array.from({ length: 6 }, () =>
          randomBytes(2).toString('hex').toUpperCase(),
        ).join('-');
        status = (
          await anon('GET', '/api/public/tips/status', undefined, { 'x-follow-up-code': wrong })
        ).status;
        if (status !== 429) expect(status).toBe(404);
      }
      expect(status).toBe(429);
      expect(tries).toBeLessThanOrEqual(FAILURE_LIMIT + 1);
      const blocked = await anon<ErrorBody>('GET', '/api/public/tips/status', undefined, {
        'x-follow-up-code': secrets[0],
      });
      expect(blocked.status).toBe(429);
      expect(blocked.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    });

    it('limits login attempts per client (20 a minute) with 429 in the API error shape', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) {
        statuses.push(
          (
            await anon('POST', '/api/auth/login', {
              username: `nobody${i}`,
              password: 'wrong-password',
            })
          ).status,
        );
      }
      expect(statuses).toContain(429);
      expect(statuses.filter((s) => s !== 429).every((s) => s === 401)).toBe(true);
      const res = await anon<ErrorBody>('POST', '/api/auth/login', {
        username: 'nobody',
        password: 'x',
      });
      expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      // With no trusted proxy, a forged X-Forwarded-For is not a way out of the limit.
      const forged = await anon(
        'POST',
        '/api/auth/login',
        { username: 'nobody', password: 'x' },
        {
          'X-Forwarded-For': '203.0.113.9',
        },
      );
      expect(forged.status).toBe(429);
    });

    it('behind a trusted proxy (TRUST_PROXY), counts each forwarded client on its own', async () => {
      const port = await freePort();
      const proxied = await stack.start('api', { TRUST_PROXY: 'loopback', PORT: String(port) });
      try {
        const base = `http://127.0.0.1:${port}`;
        const login = (client: string) =>
          http(
            base,
            'POST',
            '/api/auth/login',
            { username: 'nobody', password: 'wrong-pw' },
            {
              'X-Forwarded-For': client,
            },
          );
        const first: number[] = [];
        for (let i = 0; i < 25; i++) first.push((await login('198.51.100.1')).status);
        expect(first).toContain(429);
        expect((await login('198.51.100.2')).status).toBe(401);
      } finally {
        await stack.kill(proxied, 'SIGTERM');
      }
    });
  });

  describe('key rotation', () => {
    it('re-encrypts every identity under the new key; the API then reads them with it', async () => {
      const newKey = randomBytes(32).toString('base64');
      const oldKey = 'ZGV2LW9ubHktdGlwc3Rlci1rZXktMzItYnl0ZXMhISE='; // the dev key the stack used
      const keys = { TIPSTER_KEY: newKey, TIPSTER_KEY_ID: 'k2', TIPSTER_OLD_KEYS: `k1:${oldKey}` };
      const before = await db.query(
        `SELECT count(*)::int AS n FROM tips WHERE tipster_key_id = 'k1'`,
      );
      expect((before.rows[0] as { n: number }).n).toBeGreaterThan(0);
      const run = await promisify(execFile)(
        process.execPath,
        ['dist/apps/cli/src/main.js', 'rotate-tipster-key'],
        { env: { ...stack.env(), ...keys } },
      );
      expect(run.stdout).toContain('"reencrypted"');
      expect(run.stdout + run.stderr).not.toContain(CANARY);
      const after = await db.query(
        `SELECT tipster_key_id, count(*)::int AS n FROM tips WHERE tipster_cipher IS NOT NULL GROUP BY 1`,
      );
      expect(after.rows).toEqual([
        { tipster_key_id: 'k2', n: (before.rows[0] as { n: number }).n },
      ]);
      const audit = await db.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'tipster.rekeyed'`,
      );
      expect((audit.rows[0] as { n: number }).n).toBeGreaterThan(0);
      // The API restarted with the new key only reads the re-sealed identity.
      for (const p of stack.alive('api')) await stack.kill(p, 'SIGTERM');
      // (This client used up its login limit in the throttling test: the login below comes as
      // another client, through a trusted proxy.)
      await stack.start('api', {
        TIPSTER_KEY: newKey,
        TIPSTER_KEY_ID: 'k2',
        TRUST_PROXY: 'loopback',
      });
      const res = await supervisor.must<Record<string, string>>(
        'POST',
        `/api/tips/${revealedTipId}/tipster`,
        { reason: 'kiểm tra sau khi đổi khóa mã hóa' },
        [200],
      );
      expect(res.body).toMatchObject({ name: CANARY_NAME, phone: CANARY_PHONE });
      expect(run.stdout).toContain('two-factor secrets re-encrypted');
      const mfaKeys = await db.query(
        `SELECT DISTINCT mfa_key_id FROM users WHERE mfa_secret IS NOT NULL`,
      );
      expect(mfaKeys.rows).toEqual([{ mfa_key_id: 'k2' }]);
      const login = await http<{ accessToken?: string }>(
        stack.baseUrl,
        'POST',
        '/api/auth/login',
        {
          username: mfaName,
          password: mfaPassword,
          otp: new TOTP({ secret: Secret.fromBase32(mfaSecret) }).generate({
            timestamp: Date.now() + 30_000,
          }),
        },
        { 'X-Forwarded-For': '198.51.100.23' },
      );
      expect(login.status).toBe(200);
      expect(run.stdout).not.toContain(mfaSecret);
    });
  });
});
