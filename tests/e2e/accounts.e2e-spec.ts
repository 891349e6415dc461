import { randomUUID } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { Client } from 'pg';
import { freePort, http, ProcessStack } from '@tools/stack';
import { newTestEnv, TestEnv, testStack, TestStack } from '@app/testing';

interface Login {
  accessToken: string;
  expiresIn: number;
  role: string;
  mustChangePassword?: boolean;
  mfaEnrolmentRequired?: boolean;
}
interface User {
  id: string;
  username: string;
  role: string;
  displayName: string | null;
  disabled: boolean;
  mfaEnabled: boolean;
}
interface Me extends User {
  mustChangePassword: boolean;
  mfaEnrolmentRequired: boolean;
}
interface ErrorBody {
  statusCode: number;
  message: string | string[];
  errors?: Record<string, string[]>;
  mfaRequired?: boolean;
  mustChangePassword?: boolean;
  mfaEnrolmentRequired?: boolean;
}
interface Enrolment {
  secret: string;
  otpauthUri: string;
}
interface AuditPage {
  items: { action: string; actor: string; entityId: string; outcome: string; detail: object }[];
}

type Role = 'operator' | 'investigator' | 'supervisor' | 'admin';

const ADMIN = { username: 'chief.accounts', password: 'accounts-admin-password' };
const PASSWORD = 'a-good-password-42';
const USER_KEYS = ['disabled', 'displayName', 'id', 'mfaEnabled', 'role', 'username'];

/** The code an authenticator app shows for `secret` at time `at` (ms). */
function totp(secret: string, at = Date.now()): string {
  return new TOTP({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  }).generate({ timestamp: at });
}

/**
 * Account management against the real API: the admin's list and changes, the last admin,
 * passwords (own change, admin reset and the forced change), two-factor login (TOTP) and, in
 * production, the enrolment supervisors and admins must do first.
 */
describe('accounts', () => {
  let stack: ProcessStack;
  let t: TestStack | undefined;
  let db: Client;
  let adminToken: string;
  let adminId: string;
  let seq = 0;

  const base = () => stack.baseUrl;
  const login = (username: string, password = PASSWORD, otp?: string, url = base()) =>
    http<Login & ErrorBody>(url, 'POST', '/api/auth/login', {
      username,
      password,
      ...(otp === undefined ? {} : { otp }),
    });
  const call = <T>(method: string, path: string, token?: string, body?: unknown, url = base()) =>
    http<T & ErrorBody>(
      url,
      method,
      path,
      body,
      token === undefined ? {} : { authorization: `Bearer ${token}` },
    );
  const tokenOf = async (username: string, password = PASSWORD, otp?: string) => {
    const res = await login(username, password, otp);
    expect(res.status).toBe(200);
    return res.body.accessToken;
  };
  const newUser = async (role: Role, token = adminToken, url = base()) => {
    const username = `acct.${role}.${++seq}`;
    const res = await call<User>(
      'POST',
      '/api/users',
      token,
      { username, password: PASSWORD, role },
      url,
    );
    expect(res.status).toBe(201);
    return res.body;
  };
  const patch = (id: string, body: unknown, token = adminToken) =>
    call<User>('PATCH', `/api/users/${id}`, token, body);
  const auditOf = async (userId: string) => {
    const sup = await tokenOf((await newUser('supervisor')).username);
    const res = await call<AuditPage>(
      'GET',
      `/api/audit?entityType=user&entityId=${userId}&limit=100`,
      sup,
    );
    expect(res.status).toBe(200);
    return res.body.items;
  };

  beforeAll(async () => {
    t = await testStack('accounts', (s) => s.start('api'), {
      env: {
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
        // Other replicas see a change within this time; the one that made it, at once.
        AUTH_USER_CACHE_MS: '1000',
      },
    });
    ({ stack, db } = t);
    adminToken = await tokenOf(ADMIN.username, ADMIN.password);
    adminId = (await call<Me>('GET', '/api/users/me', adminToken)).body.id;
  });

  afterAll(() => t?.cleanup());

  describe('GET /api/users', () => {
    it('lists every account with its state, never a hash or a secret', async () => {
      const op = await newUser('operator');
      const res = await call<{ items: User[] }>('GET', '/api/users', adminToken);
      expect(res.status).toBe(200);
      const mine = res.body.items.find((u) => u.id === op.id);
      expect(mine).toEqual({ ...op, disabled: false, mfaEnabled: false, displayName: null });
      for (const u of res.body.items) expect(Object.keys(u).sort()).toEqual(USER_KEYS);
      expect(res.body.items.map((u) => u.username)).toContain(ADMIN.username);
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|password|secret/i);
    });

    it.each(['operator', 'investigator', 'supervisor'] as const)(
      'refuses a %s with 403 and no token with 401',
      async (role) => {
        const token = await tokenOf((await newUser(role)).username);
        expect((await call('GET', '/api/users', token)).status).toBe(403);
        expect((await call('GET', '/api/users')).status).toBe(401);
      },
    );
  });

  describe('PATCH /api/users/:id', () => {
    it('changes the display name and role, answering the user; the role applies at once', async () => {
      const user = await newUser('operator');
      const token = await tokenOf(user.username);
      expect((await call('GET', '/api/cases', token)).status).toBe(403);
      const res = await patch(user.id, { displayName: 'Trần Thị Bích', role: 'investigator' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        ...user,
        displayName: 'Trần Thị Bích',
        role: 'investigator',
        disabled: false,
        mfaEnabled: false,
      });
      expect((await call('GET', '/api/cases', token)).status).toBe(200);
      expect((await patch(user.id, { displayName: null })).body.displayName).toBeNull();
      expect((await patch(user.id, {})).body.role).toBe('investigator');
    });

    it('disables an account: its tokens answer 401, its login 401, even after re-enabling', async () => {
      const user = await newUser('investigator');
      const token = await tokenOf(user.username);
      expect((await call('GET', '/api/users/me', token)).status).toBe(200);
      const res = await patch(user.id, { disabled: true });
      expect(res.status).toBe(200);
      expect(res.body.disabled).toBe(true);
      expect((await call('GET', '/api/users/me', token)).status).toBe(401);
      expect((await login(user.username)).status).toBe(401);
      expect((await login(user.username)).body).toEqual((await login('nobody.here')).body);
      expect((await patch(user.id, { disabled: false })).body.disabled).toBe(false);
      // The old token stays dead; a new login works.
      expect((await call('GET', '/api/users/me', token)).status).toBe(401);
      const fresh = await tokenOf(user.username);
      expect((await call('GET', '/api/users/me', fresh)).status).toBe(200);
    });

    it('takes effect on another replica within its cache time (here 1 s, at most 30 s)', async () => {
      const port = await freePort();
      const other = await stack.start('api', { PORT: String(port) });
      const otherUrl = `http://127.0.0.1:${port}`;
      try {
        const user = await newUser('investigator');
        const token = await tokenOf(user.username);
        expect((await call('GET', '/api/users/me', token, undefined, otherUrl)).status).toBe(200);
        expect((await patch(user.id, { disabled: true })).status).toBe(200);
        const t0 = Date.now();
        let status = 200;
        while (status === 200 && Date.now() - t0 < 8_000) {
          status = (await call('GET', '/api/users/me', token, undefined, otherUrl)).status;
          if (status === 200) await new Promise((r) => setTimeout(r, 100));
        }
        expect(status).toBe(401);
        // 1 s of cache plus the time of a request or two on a busy machine.
        expect(Date.now() - t0).toBeLessThan(4_000);
      } finally {
        await stack.kill(other, 'SIGTERM');
      }
    });

    it('answers 404 for an unknown id and 400 per field for a bad body, changing nothing', async () => {
      expect((await patch(randomUUID(), { disabled: true })).status).toBe(404);
      expect((await patch('not-a-uuid', { disabled: true })).status).toBe(404);
      const user = await newUser('operator');
      const bad = await patch(user.id, {
        role: 'root',
        disabled: 'yes',
        displayName: 5,
        password: 'x',
      });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.errors ?? {}).sort()).toEqual([
        'disabled',
        'displayName',
        'password',
        'role',
      ]);
      const row = await db.query(`SELECT role, disabled FROM users WHERE id = $1`, [user.id]);
      expect(row.rows[0]).toEqual({ role: 'operator', disabled: false });
    });

    it.each(['operator', 'investigator', 'supervisor'] as const)(
      'refuses a %s with 403',
      async (role) => {
        const token = await tokenOf((await newUser(role)).username);
        const target = await newUser('operator');
        expect((await patch(target.id, { disabled: true }, token)).status).toBe(403);
      },
    );
  });

  describe('the last enabled admin', () => {
    it('cannot be disabled or demoted (409); with a second admin it can', async () => {
      const demote = await patch(adminId, { role: 'supervisor' });
      expect(demote.status).toBe(409);
      expect((await patch(adminId, { disabled: true })).status).toBe(409);
      const second = await newUser('admin');
      const secondToken = await tokenOf(second.username);
      // A disabled admin does not count.
      expect((await patch(second.id, { disabled: true })).status).toBe(200);
      expect((await patch(adminId, { disabled: true })).status).toBe(409);
      expect((await patch(second.id, { disabled: false })).status).toBe(200);
      // Two enabled admins: one may go.
      expect((await patch(second.id, { role: 'operator' })).status).toBe(200);
      expect((await call('GET', '/api/users', secondToken)).status).toBe(401);
      const row = await db.query(`SELECT role FROM users WHERE id = $1`, [adminId]);
      expect(row.rows[0].role).toBe('admin');
    });

    it('survives two admins disabling each other at once: exactly one wins', async () => {
      for (let round = 0; round < 3; round++) {
        const b = await newUser('admin');
        const bToken = await tokenOf(b.username);
        const [byRoot, byB] = await Promise.all([
          patch(b.id, { disabled: true }, adminToken),
          patch(adminId, { disabled: true }, bToken),
        ]);
        // One wins; the other is refused: 409 when it got past the guard before the first change
        // committed, 401 when its own account was already disabled by then.
        const statuses = [byRoot.status, byB.status].sort();
        expect(statuses[0]).toBe(200);
        expect([401, 409]).toContain(statuses[1]);
        const enabled = await db.query(
          `SELECT id FROM users WHERE role = 'admin' AND NOT disabled`,
        );
        expect(enabled.rows).toHaveLength(1);
        if (byB.status === 200) {
          // B won: it brings root back and steps down, for the next round.
          expect((await patch(adminId, { disabled: false }, bToken)).status).toBe(200);
          adminToken = await tokenOf(ADMIN.username, ADMIN.password);
          expect((await patch(b.id, { disabled: true })).status).toBe(200);
        }
      }
      expect((await call('GET', '/api/users', adminToken)).status).toBe(200);
    });
  });

  describe('passwords', () => {
    it('changes its own password: 204, old tokens and the old password stop working', async () => {
      const user = await newUser('operator');
      const token = await tokenOf(user.username);
      const next = 'another-good-password-7';
      const res = await call('POST', '/api/users/me/password', token, {
        currentPassword: PASSWORD,
        newPassword: next,
      });
      expect(res.status).toBe(204);
      expect((await call('GET', '/api/users/me', token)).status).toBe(401);
      expect((await login(user.username)).status).toBe(401);
      const fresh = await tokenOf(user.username, next);
      expect((await call('GET', '/api/tips', fresh)).status).toBe(200);
      expect(JSON.stringify(await auditOf(user.id))).not.toContain(next);
    });

    it('refuses a wrong current password with 403 and a weak new one with 400', async () => {
      const user = await newUser('investigator');
      const token = await tokenOf(user.username);
      const wrong = await call('POST', '/api/users/me/password', token, {
        currentPassword: 'not-my-password',
        newPassword: 'another-good-password-7',
      });
      expect(wrong.status).toBe(403);
      const weak = await call('POST', '/api/users/me/password', token, {
        currentPassword: PASSWORD,
        newPassword: 'short',
      });
      expect(weak.status).toBe(400);
      expect(Object.keys(weak.body.errors ?? {})).toEqual(['newPassword']);
      expect(JSON.stringify(weak.body)).not.toContain(PASSWORD);
      const same = await call('POST', '/api/users/me/password', token, {
        currentPassword: PASSWORD,
        newPassword: PASSWORD,
      });
      expect(same.status).toBe(400);
      const missing = await call('POST', '/api/users/me/password', token, {});
      expect(Object.keys(missing.body.errors ?? {}).sort()).toEqual([
        'currentPassword',
        'newPassword',
      ]);
      // Nothing changed: the token and the password still work.
      expect((await call('GET', '/api/users/me', token)).status).toBe(200);
      expect((await login(user.username)).status).toBe(200);
    });

    it('after an admin reset: mustChangePassword, 403 everywhere but the change, then normal', async () => {
      const user = await newUser('operator');
      const before = await tokenOf(user.username);
      const temp = 'temporary-password-1';
      const reset = await call('POST', `/api/users/${user.id}/password`, adminToken, {
        newPassword: temp,
      });
      expect(reset.status).toBe(204);
      expect((await call('GET', '/api/users/me', before)).status).toBe(401);
      expect((await login(user.username)).status).toBe(401);

      const first = await login(user.username, temp);
      expect(first.status).toBe(200);
      expect(first.body.mustChangePassword).toBe(true);
      const token = first.body.accessToken;
      for (const [method, path] of [
        ['GET', '/api/tips'],
        ['POST', '/api/tips'],
        ['POST', '/api/users/me/mfa'],
      ] as const) {
        const res = await call(method, path, token);
        expect(res.status).toBe(403);
        expect(res.body.mustChangePassword).toBe(true);
      }
      const me = await call<Me>('GET', '/api/users/me', token);
      expect(me.status).toBe(200);
      expect(me.body.mustChangePassword).toBe(true);

      const mine = 'my-own-password-99';
      expect(
        (
          await call('POST', '/api/users/me/password', token, {
            currentPassword: temp,
            newPassword: mine,
          })
        ).status,
      ).toBe(204);
      const after = await login(user.username, mine);
      expect(after.status).toBe(200);
      expect(after.body.mustChangePassword).toBeUndefined();
      expect((await call('GET', '/api/tips', after.body.accessToken)).status).toBe(200);
      expect(
        (await call<Me>('GET', '/api/users/me', after.body.accessToken)).body.mustChangePassword,
      ).toBe(false);
      const actions = (await auditOf(user.id)).map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining(['user.created', 'user.password_reset', 'user.password_changed']),
      );
    });

    it('a reset lifts a lockout; bad resets are 400, 404 and 403', async () => {
      const user = await newUser('investigator');
      for (let i = 0; i < 5; i++) await login(user.username, `wrong-${i}-password`);
      expect((await login(user.username)).status).toBe(401);
      const temp = 'temporary-password-2';
      expect(
        (await call('POST', `/api/users/${user.id}/password`, adminToken, { newPassword: temp }))
          .status,
      ).toBe(204);
      expect((await login(user.username, temp)).status).toBe(200);

      const weak = await call('POST', `/api/users/${user.id}/password`, adminToken, {
        newPassword: 'short',
      });
      expect(weak.status).toBe(400);
      expect(Object.keys(weak.body.errors ?? {})).toEqual(['newPassword']);
      expect(
        (
          await call('POST', `/api/users/${randomUUID()}/password`, adminToken, {
            newPassword: temp,
          })
        ).status,
      ).toBe(404);
      const sup = await tokenOf((await newUser('supervisor')).username);
      expect(
        (await call('POST', `/api/users/${user.id}/password`, sup, { newPassword: temp })).status,
      ).toBe(403);
    });
  });

  describe('two-factor login (TOTP)', () => {
    let user: User;
    let token: string;
    let secret: string;

    beforeAll(async () => {
      user = await newUser('investigator');
      token = await tokenOf(user.username);
    });

    it('enrols: a base32 secret and otpauth URI, stored only encrypted', async () => {
      const res = await call<Enrolment>('POST', '/api/users/me/mfa', token);
      expect(res.status).toBe(201);
      secret = res.body.secret;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const uri = new URL(res.body.otpauthUri);
      expect(uri.protocol).toBe('otpauth:');
      expect(uri.host).toBe('totp');
      expect(uri.searchParams.get('secret')).toBe(secret);
      expect(uri.searchParams.get('algorithm')).toBe('SHA1');
      expect(uri.searchParams.get('digits')).toBe('6');
      expect(uri.searchParams.get('period')).toBe('30');
      // Until confirmed, login needs no code.
      expect((await login(user.username)).status).toBe(200);
      const row = (
        await db.query(`SELECT u::text AS all, mfa_secret FROM users u WHERE id = $1`, [user.id])
      ).rows[0] as { all: string; mfa_secret: Buffer };
      const raw = Secret.fromBase32(secret).bytes;
      expect(row.mfa_secret.includes(Buffer.from(raw))).toBe(false);
      expect(row.all).not.toContain(secret);
      expect(row.all).not.toContain(Buffer.from(raw).toString('hex'));
    });

    it('confirms with a code: a wrong one is 400, the right one 204', async () => {
      const wrong = await call('POST', '/api/users/me/mfa/confirm', token, {
        code: totp(secret, Date.now() - 10 * 60_000),
      });
      expect(wrong.status).toBe(400);
      expect(Object.keys(wrong.body.errors ?? {})).toEqual(['code']);
      const bad = await call('POST', '/api/users/me/mfa/confirm', token, { code: 'abc' });
      expect(bad.status).toBe(400);
      const ok = await call('POST', '/api/users/me/mfa/confirm', token, { code: totp(secret) });
      expect(ok.status).toBe(204);
      const me = await call<Me>('GET', '/api/users/me', token);
      expect(me.body.mfaEnabled).toBe(true);
      expect(JSON.stringify(me.body)).not.toContain(secret);
      const list = await call<{ items: User[] }>('GET', '/api/users', adminToken);
      expect(list.body.items.find((u) => u.id === user.id)?.mfaEnabled).toBe(true);
      expect(JSON.stringify(list.body)).not.toContain(secret);
      // On, it cannot be enrolled again over the top (an admin turns it off first).
      expect((await call('POST', '/api/users/me/mfa', token)).status).toBe(409);
      expect(
        (await call('POST', '/api/users/me/mfa/confirm', token, { code: totp(secret) })).status,
      ).toBe(409);
    });

    it('then needs otp at login: missing or wrong is 401 mfaRequired; a code works once', async () => {
      const none = await login(user.username);
      expect(none.status).toBe(401);
      expect(none.body.mfaRequired).toBe(true);
      const wrong = await login(user.username, PASSWORD, '000000');
      expect(wrong.status).toBe(401);
      expect(wrong.body.mfaRequired).toBe(true);
      // A wrong password says nothing about a second factor.
      const badPassword = await login(user.username, 'wrong-password-x', totp(secret));
      expect(badPassword.status).toBe(401);
      expect(badPassword.body.mfaRequired).toBeUndefined();
      // The confirmation used the current step; the next one (clock drift allows it) is new.
      const code = totp(secret, Date.now() + 30_000);
      const ok = await login(user.username, PASSWORD, code);
      expect(ok.status).toBe(200);
      expect((await call('GET', '/api/cases', ok.body.accessToken)).status).toBe(200);
      const replay = await login(user.username, PASSWORD, code);
      expect(replay.status).toBe(401);
      expect(replay.body.mfaRequired).toBe(true);
      // An older step than the last one used is refused too.
      expect((await login(user.username, PASSWORD, totp(secret))).status).toBe(401);
      await db.query(`UPDATE users SET failed_logins = 0 WHERE id = $1`, [user.id]);
    });

    it('counts wrong codes as failed logins: five lock the account', async () => {
      const other = await newUser('operator');
      const otherToken = await tokenOf(other.username);
      const enrol = await call<Enrolment>('POST', '/api/users/me/mfa', otherToken);
      const s = enrol.body.secret;
      expect(
        (await call('POST', '/api/users/me/mfa/confirm', otherToken, { code: totp(s) })).status,
      ).toBe(204);
      for (let i = 0; i < 5; i++) {
        expect((await login(other.username, PASSWORD, `00000${i}`)).status).toBe(401);
      }
      const locked = await login(other.username, PASSWORD, totp(s, Date.now() + 30_000));
      expect(locked.status).toBe(401);
      expect(locked.body.mfaRequired).toBeUndefined();
      const row = await db.query(`SELECT locked_until > now() AS locked FROM users WHERE id = $1`, [
        other.id,
      ]);
      expect(row.rows[0].locked).toBe(true);
      const refused = (await auditOf(other.id)).filter((e) => e.action === 'auth.otp_refused');
      expect(refused.length).toBe(5);
    });

    it('is turned off by an admin (a lost device); the user may enrol again', async () => {
      const sup = await tokenOf((await newUser('supervisor')).username);
      expect((await call('DELETE', `/api/users/${user.id}/mfa`, sup)).status).toBe(403);
      expect((await call('DELETE', `/api/users/${randomUUID()}/mfa`, adminToken)).status).toBe(404);
      expect((await call('DELETE', `/api/users/${user.id}/mfa`, adminToken)).status).toBe(204);
      const res = await login(user.username);
      expect(res.status).toBe(200);
      expect(
        (await call<Enrolment>('POST', '/api/users/me/mfa', res.body.accessToken)).status,
      ).toBe(201);
    });

    it('audits each step with ids only, never the secret or a code', async () => {
      const entries = await auditOf(user.id);
      const actions = entries.map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'user.created',
          'user.mfa_enrolment_started',
          'user.mfa_enabled',
          'user.mfa_reset',
        ]),
      );
      expect(JSON.stringify(entries)).not.toContain(secret);
      expect(JSON.stringify(entries)).not.toContain(PASSWORD);
    });
  });

  describe('in production, supervisors and admins enrol first', () => {
    let prodEnv: TestEnv;
    let prod: ProcessStack;
    const PROD_ADMIN = { username: 'chief.prod', password: 'a-production-admin-password' };

    beforeAll(async () => {
      prodEnv = newTestEnv('accounts_prod');
      prod = await ProcessStack.create({
        ...prodEnv,
        env: {
          NODE_ENV: 'production',
          JWT_SECRET: 'accounts-production-secret-0123456789',
          ADMIN_USERNAME: PROD_ADMIN.username,
          ADMIN_PASSWORD: PROD_ADMIN.password,
          TIPSTER_KEY: Buffer.alloc(32, 7).toString('base64'),
        },
      });
      await prod.start('api');
    });

    afterAll(async () => {
      await prod?.stop();
      await prodEnv?.cleanup();
    });

    it('holds an admin to its account routes until it turns on two-factor login', async () => {
      const url = prod.baseUrl;
      const first = await login(PROD_ADMIN.username, PROD_ADMIN.password, undefined, url);
      expect(first.status).toBe(200);
      expect(first.body.mfaEnrolmentRequired).toBe(true);
      const token = first.body.accessToken;
      const refused = await call('GET', '/api/users', token, undefined, url);
      expect(refused.status).toBe(403);
      expect(refused.body.mfaEnrolmentRequired).toBe(true);
      expect(
        (
          await call(
            'POST',
            '/api/users',
            token,
            { username: 'x.y.z', password: PASSWORD, role: 'operator' },
            url,
          )
        ).status,
      ).toBe(403);
      const me = await call<Me>('GET', '/api/users/me', token, undefined, url);
      expect(me.status).toBe(200);
      expect(me.body.mfaEnrolmentRequired).toBe(true);

      const enrol = await call<Enrolment>('POST', '/api/users/me/mfa', token, undefined, url);
      expect(enrol.status).toBe(201);
      const s = enrol.body.secret;
      expect(
        (await call('POST', '/api/users/me/mfa/confirm', token, { code: totp(s) }, url)).status,
      ).toBe(204);
      expect((await call('GET', '/api/users', token, undefined, url)).status).toBe(200);
      const again = await login(PROD_ADMIN.username, PROD_ADMIN.password, undefined, url);
      expect(again.body.mfaRequired).toBe(true);
      const next = await login(
        PROD_ADMIN.username,
        PROD_ADMIN.password,
        totp(s, Date.now() + 30_000),
        url,
      );
      expect(next.status).toBe(200);
      expect(next.body.mfaEnrolmentRequired).toBeUndefined();

      // An operator is not held; a supervisor is.
      const op = await newUser('operator', next.body.accessToken, url);
      const opLogin = await login(op.username, PASSWORD, undefined, url);
      expect(opLogin.body.mfaEnrolmentRequired).toBeUndefined();
      expect(
        (await call('GET', '/api/tips', opLogin.body.accessToken, undefined, url)).status,
      ).toBe(200);
      const sup = await newUser('supervisor', next.body.accessToken, url);
      const supLogin = await login(sup.username, PASSWORD, undefined, url);
      expect(supLogin.body.mfaEnrolmentRequired).toBe(true);
      const held = await call('GET', '/api/tips', supLogin.body.accessToken, undefined, url);
      expect(held.status).toBe(403);
      expect(held.body.mfaEnrolmentRequired).toBe(true);
    });
  });

  it('never writes a password, a TOTP secret or a token to its logs', () => {
    const logs = stack.logs();
    expect(logs).not.toContain(ADMIN.password);
    expect(logs).not.toContain(PASSWORD);
    expect(logs).not.toContain(adminToken.split('.')[2]);
    expect(logs).not.toMatch(/otpauth:|"secret"/);
  });
});
