import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { http, JsonResponse, ProcessStack, waitFor } from '@tools/stack';
import { testStack, TestStack } from '@app/testing';

interface Login {
  accessToken: string;
  expiresIn: number;
  role: string;
}
interface UserView {
  id: string;
  username: string;
  role: string;
  displayName: string | null;
}
interface ErrorBody {
  statusCode: number;
  message: string | string[];
  errors?: Record<string, string[]>;
}

const JWT_SECRET = 'e2e-auth-secret-0123456789abcdef';
const ADMIN = { username: 'chief.e2e', password: 'e2e-admin-password' };
const PASSWORD = 'a-good-password-42';
const ROLES = ['operator', 'investigator', 'supervisor', 'admin'] as const;

/** Accounts, login, lockout and the global guard, against the real API process. */
describe('auth and users', () => {
  let stack: ProcessStack;
  let t: TestStack | undefined;
  let db: Client;
  let adminToken: string;
  const jwt = new JwtService({});
  let seq = 0;

  const login = (username: string, password: string) =>
    http<Login & ErrorBody>(stack.baseUrl, 'POST', '/api/auth/login', { username, password });
  const call = <T>(method: string, path: string, token?: string, body?: unknown) =>
    http<T>(
      stack.baseUrl,
      method,
      path,
      body,
      token === undefined ? {} : { authorization: `Bearer ${token}` },
    );
  const me = (token?: string) => call<UserView & ErrorBody>('GET', '/api/users/me', token);
  const tokenOf = async (username: string, password = PASSWORD) => {
    const res = await login(username, password);
    expect(res.status).toBe(200);
    return res.body.accessToken;
  };
  /** A new user of `role` with a unique name, created by the admin over the API. */
  const newUser = async (role: (typeof ROLES)[number]) => {
    const username = `${role}.${++seq}`;
    const res = await call<UserView>('POST', '/api/users', adminToken, {
      username,
      password: PASSWORD,
      role,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const sign = (payload: object, secret = JWT_SECRET, options: object = {}) =>
    jwt.signAsync(payload, { secret, algorithm: 'HS256', issuer: 'tiptrace', ...options });

  beforeAll(async () => {
    t = await testStack('auth', (s) => s.start('api'), {
      env: {
        JWT_SECRET,
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
        AUTH_USER_CACHE_MS: '500',
      },
    });
    ({ stack, db } = t);
    adminToken = await tokenOf(ADMIN.username, ADMIN.password);
  });

  afterAll(() => t?.cleanup());

  describe('login', () => {
    it('creates the first admin from ADMIN_USERNAME/ADMIN_PASSWORD, once', async () => {
      const admins = await db.query(
        `SELECT username, password_hash FROM users WHERE role = 'admin'`,
      );
      expect(admins.rows).toHaveLength(1);
      expect(admins.rows[0].username).toBe(ADMIN.username);
      expect(admins.rows[0].password_hash).toMatch(/^\$argon2id\$/);
    });

    it('answers 200 with a 15-minute HS256 token from issuer tiptrace', async () => {
      const res = await login(ADMIN.username, ADMIN.password);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), expiresIn: 900, role: 'admin' });
      const claims = await jwt.verifyAsync<{ sub: string; iss: string; exp: number; iat: number }>(
        res.body.accessToken,
        { secret: JWT_SECRET, algorithms: ['HS256'] },
      );
      expect(claims.iss).toBe('tiptrace');
      expect(claims.exp - claims.iat).toBe(900);
      const header = JSON.parse(
        Buffer.from(res.body.accessToken.split('.')[0], 'base64url').toString('utf8'),
      );
      expect(header.alg).toBe('HS256');
    });

    it('matches the username regardless of case', async () => {
      expect((await login(ADMIN.username.toUpperCase(), ADMIN.password)).status).toBe(200);
    });

    it('answers 401 with one message for a wrong password and an unknown user', async () => {
      const user = await newUser('operator');
      const wrong = await login(user.username, 'not-the-password');
      const unknown = await login('nobody.here', PASSWORD);
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body).toEqual(unknown.body);
      expect(wrong.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    });

    it('audits each login under the account id: let in, a wrong password, a disabled account', async () => {
      const user = await newUser('investigator');
      expect((await login(user.username, 'not-the-password-7')).status).toBe(401);
      expect((await login(user.username, PASSWORD)).status).toBe(200);
      expect(
        (await call('PATCH', `/api/users/${user.id}`, adminToken, { disabled: true })).status,
      ).toBe(200);
      expect((await login(user.username, PASSWORD)).status).toBe(401);
      expect((await login('nobody.audited', PASSWORD)).status).toBe(401);
      const sup = await newUser('supervisor');
      const res = await call<{
        items: {
          action: string;
          actor: string;
          role: string;
          entityId: string;
          outcome: string;
          detail: object;
        }[];
      }>(
        'GET',
        `/api/audit?entityType=user&entityId=${user.id}&limit=100`,
        await tokenOf(sup.username),
      );
      expect(res.status).toBe(200);
      const logins = res.body.items
        .filter((e) => e.action.startsWith('auth.'))
        .map(({ action, actor, role, entityId, outcome, detail }) => ({
          action,
          actor,
          role,
          entityId,
          outcome,
          detail,
        }))
        .reverse();
      const entry = { actor: user.id, role: 'investigator', entityId: user.id };
      expect(logins).toEqual([
        {
          ...entry,
          action: 'auth.login_failed',
          outcome: 'failure',
          detail: { reason: 'password' },
        },
        { ...entry, action: 'auth.login', outcome: 'success', detail: { secondFactor: false } },
        {
          ...entry,
          action: 'auth.login_failed',
          outcome: 'failure',
          detail: { reason: 'disabled' },
        },
      ]);
      // Ids only: never the password, nor a name typed for no account.
      const all = await db.query(
        `SELECT row_to_json(a)::text AS r FROM audit_log a WHERE a.action LIKE 'auth.%'`,
      );
      const text = all.rows.map((r: { r: string }) => r.r).join('\n');
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('not-the-password-7');
      expect(text).not.toContain('nobody.audited');
    });

    it('answers 400 naming the field for a malformed body', async () => {
      const res = await http<ErrorBody>(stack.baseUrl, 'POST', '/api/auth/login', {
        username: 'x',
      });
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors ?? {})).toEqual(['password']);
      const odd = await http<ErrorBody>(stack.baseUrl, 'POST', '/api/auth/login', {
        username: ['a'],
        password: 1,
      });
      expect(odd.status).toBe(400);
    });

    it('takes about as long for an unknown username as for a known one', async () => {
      const user = await newUser('operator');
      const time = async (username: string) => {
        const t0 = process.hrtime.bigint();
        expect((await login(username, 'wrong-password-1')).status).toBe(401);
        return Number(process.hrtime.bigint() - t0) / 1e6;
      };
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 4; i++) {
        known.push(await time(user.username));
        unknown.push(await time(`ghost.${i}`));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      // Both paths run one argon2 verification (~100 ms); without the dummy hash the unknown
      // path would answer in a couple of milliseconds.
      expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
    });
  });

  describe('lockout', () => {
    it('locks the account for 10 minutes after 5 failures: the right password is then 401', async () => {
      const user = await newUser('investigator');
      for (let i = 0; i < 5; i++) {
        expect((await login(user.username, `wrong-${i}-password`)).status).toBe(401);
      }
      const locked = await login(user.username, PASSWORD);
      expect(locked.status).toBe(401);
      expect(locked.body).toEqual((await login('nobody.here', PASSWORD)).body);
      const row = (
        await db.query(
          `SELECT extract(epoch FROM locked_until - now()) AS left FROM users WHERE id = $1`,
          [user.id],
        )
      ).rows[0];
      expect(Number(row.left)).toBeGreaterThan(9 * 60);
      expect(Number(row.left)).toBeLessThanOrEqual(10 * 60);
      // When the lock runs out, the right password works again and the count starts afresh.
      await db.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`, [
        user.id,
      ]);
      expect((await login(user.username, PASSWORD)).status).toBe(200);
      const after = await db.query(`SELECT failed_logins, locked_until FROM users WHERE id = $1`, [
        user.id,
      ]);
      expect(after.rows[0]).toEqual({ failed_logins: 0, locked_until: null });
    });

    it('counts failures, not attempts since the last success', async () => {
      const user = await newUser('operator');
      for (let i = 0; i < 4; i++) await login(user.username, 'wrong-password-x');
      expect((await login(user.username, PASSWORD)).status).toBe(200);
      for (let i = 0; i < 4; i++) await login(user.username, 'wrong-password-x');
      expect((await login(user.username, PASSWORD)).status).toBe(200);
    });

    it('is locked by concurrent wrong guesses', async () => {
      const user = await newUser('supervisor');
      const guesses = await Promise.all(
        Array.from({ length: 20 }, (_, i) => login(user.username, `guess-${i}-password`)),
      );
      expect(guesses.every((g) => g.status === 401)).toBe(true);
      const row = (
        await db.query(`SELECT locked_until > now() AS locked FROM users WHERE id = $1`, [user.id])
      ).rows[0];
      expect(row.locked).toBe(true);
      expect((await login(user.username, PASSWORD)).status).toBe(401);
    });

    it('is not locked by many people logging in to it at once', async () => {
      const user = await newUser('investigator');
      const attempts = await Promise.all(
        Array.from({ length: 30 }, () => login(user.username, PASSWORD)),
      );
      expect(attempts.map((a) => a.status)).toEqual(Array(30).fill(200));
    });

    it('lets the right password through at most once among a burst of wrong guesses', async () => {
      const user = await newUser('operator');
      const attempts = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          login(user.username, i === 11 ? PASSWORD : `guess-${i}-password`),
        ),
      );
      expect(attempts.filter((a) => a.status === 200).length).toBeLessThanOrEqual(1);
      expect(attempts.filter((a) => a.status === 401).length).toBeGreaterThanOrEqual(11);
    });
  });

  describe('tokens', () => {
    let user: UserView;
    beforeAll(async () => {
      user = await newUser('operator');
    });

    it('refuses a request without a token with 401', async () => {
      const res = await me();
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
      expect((await call('GET', '/api/tips')).status).toBe(401);
      expect((await call('POST', '/api/users', undefined, {})).status).toBe(401);
    });

    it('refuses garbage and other schemes with 401', async () => {
      expect((await me('not-a-jwt')).status).toBe(401);
      const good = await tokenOf(user.username);
      const res = await http(stack.baseUrl, 'GET', '/api/users/me', undefined, {
        authorization: `Basic ${good}`,
      });
      expect(res.status).toBe(401);
    });

    it('refuses an expired token with 401', async () => {
      const now = Math.floor(Date.now() / 1000);
      const expired = await sign({
        sub: user.id,
        role: 'operator',
        iat: now - 3600,
        exp: now - 60,
      });
      expect((await me(expired)).status).toBe(401);
    });

    it('refuses a token signed with another secret with 401', async () => {
      const forged = await sign(
        { sub: user.id, role: 'admin' },
        'some-other-secret-0123456789abcdef',
        { expiresIn: 900 },
      );
      expect((await me(forged)).status).toBe(401);
    });

    it('refuses a token from another issuer with 401', async () => {
      const foreign = await sign({ sub: user.id, role: 'operator' }, JWT_SECRET, {
        issuer: 'someone-else',
        expiresIn: 900,
      });
      expect((await me(foreign)).status).toBe(401);
      const none = await jwt.signAsync(
        { sub: user.id, role: 'operator' },
        { secret: JWT_SECRET, algorithm: 'HS256', expiresIn: 900 },
      );
      expect((await me(none)).status).toBe(401);
    });

    it('refuses an unsigned token and a token for an unknown user with 401', async () => {
      const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: user.id, iss: 'tiptrace', exp: now + 900 })}.`;
      expect((await me(unsigned)).status).toBe(401);
      const ghost = await sign({ sub: randomUUID(), role: 'admin' }, JWT_SECRET, {
        expiresIn: 900,
      });
      expect((await me(ghost)).status).toBe(401);
    });

    it('accepts a valid token of the same secret, even one it did not issue', async () => {
      const crafted = await sign({ sub: user.id, role: 'admin' }, JWT_SECRET, { expiresIn: 900 });
      const res = await me(crafted);
      expect(res.status).toBe(200);
      // The role comes from the server's record, not from the token.
      expect(res.body.role).toBe('operator');
      expect((await call('POST', '/api/users', crafted, {})).status).toBe(403);
    });
  });

  describe('users', () => {
    it.each(ROLES)('lets the admin create a %s who can log in and read /me', async (role) => {
      const username = `new.${role}_${++seq}`;
      const res = await call<UserView>('POST', '/api/users', adminToken, {
        username,
        password: PASSWORD,
        role,
        displayName: `Cán bộ ${role}`,
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        username,
        role,
        displayName: `Cán bộ ${role}`,
        disabled: false,
        mfaEnabled: false,
      });
      const token = await tokenOf(username);
      const mine = await me(token);
      expect(mine.status).toBe(200);
      expect(mine.body).toEqual({
        ...res.body,
        mustChangePassword: false,
        mfaEnrolmentRequired: false,
      });
      const stored = await db.query(`SELECT password_hash FROM users WHERE id = $1`, [res.body.id]);
      expect(stored.rows[0].password_hash).toMatch(/^\$argon2id\$/);
    });

    it('answers 409 for a taken username, whatever its case', async () => {
      const user = await newUser('operator');
      const again = await call<ErrorBody>('POST', '/api/users', adminToken, {
        username: user.username,
        password: PASSWORD,
        role: 'investigator',
      });
      expect(again.status).toBe(409);
      const admin = await call<ErrorBody>('POST', '/api/users', adminToken, {
        username: ADMIN.username,
        password: PASSWORD,
        role: 'admin',
      });
      expect(admin.status).toBe(409);
      // A username stored in upper case (e.g. by an earlier tool) still blocks its lower case.
      await db.query(
        `INSERT INTO users (id, username, password_hash, role) VALUES ($1, 'Legacy.User', 'x', 'operator')`,
        [randomUUID()],
      );
      const legacy = await call('POST', '/api/users', adminToken, {
        username: 'legacy.user',
        password: PASSWORD,
        role: 'operator',
      });
      expect(legacy.status).toBe(409);
    });

    it.each([
      ['a short username', { username: 'ab' }, 'username'],
      ['an upper-case username', { username: 'Bad.Name' }, 'username'],
      ['a username with spaces', { username: 'bad name' }, 'username'],
      ['a long username', { username: 'x'.repeat(65) }, 'username'],
      ['a short password', { password: 'short-9ch' }, 'password'],
      ['an unknown role', { role: 'root' }, 'role'],
      ['a missing role', { role: undefined }, 'role'],
      ['a display name as number', { displayName: 5 }, 'displayName'],
      ['an unknown field', { disabled: false }, 'disabled'],
    ])('answers 400 for %s', async (_n, override, field) => {
      const body = {
        username: `valid.${++seq}`,
        password: PASSWORD,
        role: 'operator',
        ...override,
      };
      const res = await call<ErrorBody>('POST', '/api/users', adminToken, body);
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors ?? {})).toContain(field);
      expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
    });

    it.each(['operator', 'investigator', 'supervisor'] as const)(
      'refuses POST /api/users to a %s with 403',
      async (role) => {
        const user = await newUser(role);
        const token = await tokenOf(user.username);
        const res = await call<ErrorBody>('POST', '/api/users', token, {
          username: `sneaky.${++seq}`,
          password: PASSWORD,
          role: 'admin',
        });
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden' });
        expect((await me(token)).status).toBe(200);
      },
    );
  });

  describe('changes to an account take effect on live tokens', () => {
    const within = <T>(check: () => Promise<T | false>) =>
      // AUTH_USER_CACHE_MS is 500 here: well within 3 s.
      waitFor(check, 3_000, () => 'the change to take effect', 100);

    it('refuses a disabled user with 401, token or login', async () => {
      const user = await newUser('investigator');
      const token = await tokenOf(user.username);
      expect((await me(token)).status).toBe(200);
      const res = await call('PATCH', `/api/users/${user.id}`, adminToken, { disabled: true });
      expect(res.status).toBe(200);
      expect((await me(token)).status).toBe(401);
      expect((await login(user.username, PASSWORD)).status).toBe(401);
    });

    it('applies a changed role', async () => {
      const user = await newUser('supervisor');
      const token = await tokenOf(user.username);
      const create = () =>
        call('POST', '/api/users', token, {
          username: `made.by.${user.username}.${++seq}`,
          password: PASSWORD,
          role: 'operator',
        });
      expect((await create()).status).toBe(403);
      await db.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [user.id]);
      await within(async () => (await create()).status === 201);
      expect((await me(token)).body.role).toBe('admin');
      await db.query(`UPDATE users SET role = 'operator' WHERE id = $1`, [user.id]);
      await within(async () => (await create()).status === 403);
    });
  });

  describe('public routes', () => {
    it.each([
      ['/health', 200],
      ['/metrics', 200],
      ['/docs', 200],
      ['/api/reference', 200],
    ])('serves %s without a token', async (path, status) => {
      const res: JsonResponse = await http(stack.baseUrl, 'GET', path);
      expect(res.status).toBe(status);
    });
  });

  it('never writes a password or a token to its logs', () => {
    const logs = stack.logs();
    expect(logs).not.toContain(ADMIN.password);
    expect(logs).not.toContain(PASSWORD);
    expect(logs).not.toContain(adminToken);
    expect(logs).not.toContain(adminToken.split('.')[2]);
  });
});
