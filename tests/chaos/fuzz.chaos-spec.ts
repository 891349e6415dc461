import fc from 'fast-check';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { http, ProcessStack, sleep, userWithRole, waitFor } from '@tools/stack';
import { chaosTips, newTestEnv, newTip, PrivateRedis, recordChaosRow, TestEnv } from '@app/testing';
import {
  BodyCase,
  bodyCases,
  CANARY,
  encode,
  headerValue,
  IdCase,
  idCases,
  Obj,
  QUERY_KEYS,
  queryStrings,
  Reference,
  toJson,
  validBodies,
} from './fuzz-input';

/**
 * Scenario 8: fuzzed input against every route the API declares (its own route table), each
 * called with a role allowed to call it so that validation is reached. Two properties:
 *
 * - hostile requests (mutated DTOs, random JSON, deep nesting, huge strings and arrays, unicode
 *   edge cases, SQL and script payloads, prototype-pollution keys, wrong content types, malformed
 *   JSON, bodies over the limit, odd path ids, query strings and headers) never get a 5xx; a
 *   rejected one gets a 4xx in the contract's error shape (`{statusCode, error, message,
 *   errors?}`, with a message per field when a JSON object failed validation), never echoes tip
 *   text or identities, and stores nothing;
 * - valid bodies for every DTO are accepted and stored exactly once.
 *
 * "Stores nothing" is checked per request: the row count of every table before and after. The
 * contract has reads of sensitive data and refused calls written to the audit log, so a rejected
 * request may add audit entries whose outcome is `denied` or `failure`, never `success`;
 * `audit_chain` only seals audit entries (asynchronously) and is left out. Only the API runs
 * while the requests are sent (the workers make the fixtures' leads first, then stop): nothing
 * else writes, so any difference belongs to that request.
 *
 * Reproduce a failure with the printed seed: FUZZ_SEED=<seed> FUZZ_ROUTE='<METHOD path>'.
 */

interface DeclaredRoute {
  method: string;
  path: string;
  access: 'public' | string[];
}
type Who = 'anon' | 'operator' | 'investigator' | 'supervisor' | 'admin';

interface RequestCase {
  route: string;
  who: Who;
  method: string;
  path: string;
  id?: IdCase;
  query?: string;
  body?: BodyCase;
  headers: Record<string, string>;
  /** Sent a second time, unchanged (an Idempotency-Key retry): must store nothing more. */
  retry?: boolean;
}

interface Answer {
  status: number;
  text: string;
  json: unknown;
}

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_128);
const ONLY_ROUTE = process.env.FUZZ_ROUTE;
// Requests in all: valid bodies, the sweeps, and random hostile requests for the rest.
const TOTAL = chaosTips(1_200, 12_000);
const ROUTE_TABLE = join(tmpdir(), `tiptrace-fuzz-routes-${process.pid}.json`);
const ROLES = ['operator', 'investigator', 'supervisor', 'admin'] as const;

/** Values that break storage or parsing when they slip through (long and empty: see random). */
const SHARP_VALUES = ['nul \u0000 inside', '\uD800 lone surrogate', "' OR '1'='1' --", '1e309'];

/** Rows a request may add although it was rejected: its own audit trail (see above). */
const DERIVED_TABLES = new Set(['audit_chain', 'migrations', 'typeorm_metadata']);

/** Creating routes: the table an accepted request adds to, and at most how many rows. */
const CREATES: Record<string, string> = {
  'POST /api/tips': 'tips',
  'POST /api/public/tips': 'tips',
  'POST /api/tips/import': 'tips',
  'POST /api/cases': 'cases',
  'POST /api/cases/:id/arrests': 'arrests',
  'POST /api/users': 'users',
  'POST /api/tips/:id/messages': 'tip_messages',
  'POST /api/public/tips/messages': 'tip_messages',
};

/**
 * Routes whose roles are narrowed further by need-to-know (the thread with a tipster: the lead's
 * holder, the case's assignee, supervisors): called as the role that always passes, so that
 * validation is what the fuzzing reaches (need-to-know has its own tests).
 */
const NEED_TO_KNOW: Record<string, Who> = {
  'POST /api/tips/:id/messages': 'supervisor',
  'GET /api/tips/:id/messages': 'supervisor',
};

/** Routes that honour an Idempotency-Key. */
const IDEMPOTENT = new Set(['POST /api/tips', 'POST /api/cases/:id/arrests']);

/**
 * Routes where a valid body with the fixtures' ids must be accepted (2xx). Lead routes are not
 * here: whether a lead can be linked or dismissed depends on who claimed it, which the runs
 * before decided.
 */
const MUST_ACCEPT = new Set([
  'POST /api/tips',
  'POST /api/public/tips',
  'POST /api/tips/import',
  'POST /api/cases',
  'POST /api/cases/:id/arrests',
  'POST /api/users',
  'POST /api/tips/:id/messages',
  'POST /api/public/tips/messages',
  'POST /api/leads/claim',
  'POST /api/cases/:id/legal-hold',
  'POST /api/tips/:id/tipster',
]);

function short(s: string, n = 160): string {
  const flat = JSON.stringify(s);
  return flat.length > n ? `${flat.slice(0, n)}…(${s.length} chars)` : flat;
}

function describeCase(c: RequestCase): string {
  const parts = [`${c.method} ${short(c.path, 120)} as ${c.who}`];
  if (c.id) parts.push(`id: ${c.id.kind}`);
  if (c.query !== undefined) parts.push(`query: ${short(c.query, 200)}`);
  if (c.body) {
    const p = c.body.payload;
    const text =
      p === undefined ? '(none)' : Buffer.isBuffer(p) ? `<${p.length} bytes>` : short(p, 300);
    parts.push(`body (${c.body.kind}, ${c.body.contentType ?? 'no content-type'}): ${text}`);
  }
  const hs = Object.entries(c.headers).map(([k, v]) => `${k}: ${short(v, 60)}`);
  if (hs.length) parts.push(`headers: ${hs.join(', ')}`);
  return parts.join('; ');
}

describe('chaos 8: fuzzed input on every route', () => {
  let redis: PrivateRedis;
  let env: TestEnv;
  let stack: ProcessStack;
  let db: Client;
  let routes: DeclaredRoute[];
  let ref: Reference;
  const tokens = {} as Record<Exclude<Who, 'anon'>, string>;
  const fixtures = {
    tipIds: [] as string[],
    caseIds: [] as string[],
    leadIds: [] as string[],
    followUpCode: '',
  };
  let tables: string[] = [];
  let countSql = '';

  const stats = {
    sent: 0,
    fiveHundreds: 0,
    rejectedStored: 0,
    lost: 0,
    duplicated: 0,
    statuses: new Map<string, Map<number, number>>(),
    started: Date.now(),
  };

  async function counts(): Promise<Record<string, number>> {
    const { rows } = await db.query<{ t: string; n: number }>(countSql);
    return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
  }

  async function send(c: RequestCase): Promise<Answer> {
    const headers: Record<string, string> = { ...c.headers };
    if (c.who !== 'anon') headers.authorization = `Bearer ${tokens[c.who]}`;
    if (c.body?.contentType) headers['content-type'] = c.body.contentType;
    const url = `${stack.baseUrl}${c.path}${c.query !== undefined ? `?${c.query}` : ''}`;
    const res = await fetch(url, { method: c.method, headers, body: c.body?.payload });
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = JSON.parse(text);
    } catch {
      // checked below
    }
    stats.sent++;
    const byRoute = stats.statuses.get(c.route) ?? new Map<number, number>();
    byRoute.set(res.status, (byRoute.get(res.status) ?? 0) + 1);
    stats.statuses.set(c.route, byRoute);
    return { status: res.status, text, json };
  }

  /** Problems with one answer; empty when the stack behaved. */
  async function judge(
    c: RequestCase,
    a: Answer,
    before: Record<string, number>,
    after: Record<string, number>,
    valid: boolean,
  ): Promise<string[]> {
    const problems: string[] = [];
    const grew = Object.keys(after).filter(
      (t) => after[t] !== before[t] && t !== 'audit_log' && t !== 'audit_success',
    );
    if (a.status >= 500) {
      stats.fiveHundreds++;
      problems.push(`answered ${a.status}: ${short(a.text, 300)}`);
    }
    if (a.status >= 400 && a.status < 500) {
      const e = a.json as {
        statusCode?: unknown;
        error?: unknown;
        message?: unknown;
        errors?: unknown;
      };
      const msgOk =
        typeof e?.message === 'string' ||
        (Array.isArray(e?.message) &&
          e.message.length > 0 &&
          e.message.every((m) => typeof m === 'string'));
      // 431 comes from Node's HTTP parser before the application sees the request, answered
      // in the same shape by the API's client-error handler.
      if (!e || e.statusCode !== a.status || typeof e.error !== 'string' || !msgOk) {
        problems.push(`${a.status} not in the API error shape: ${short(a.text, 300)}`);
      }
      const fieldsDue =
        a.status === 400 &&
        ((c.body?.fieldErrorsDue &&
          validBodyRoutes.has(c.route) &&
          c.id?.kind !== 'hostile id' &&
          c.id?.kind !== 'odd id') ||
          (c.body === undefined && c.query !== undefined && QUERY_KEYS[c.route] !== undefined));
      if (fieldsDue) {
        const errors = e?.errors as Record<string, unknown> | undefined;
        const perField =
          errors &&
          typeof errors === 'object' &&
          Object.keys(errors).length > 0 &&
          Object.values(errors).every(
            (v) =>
              Array.isArray(v) &&
              v.length > 0 &&
              v.every((m) => typeof m === 'string' && m.length > 0),
          );
        if (!perField) problems.push(`400 without a message per field: ${short(a.text, 300)}`);
      }
      if (a.text.includes(CANARY))
        problems.push(`the error echoes tip text or identity: ${short(a.text, 300)}`);
      if (grew.length || after.audit_success !== before.audit_success) {
        stats.rejectedStored++;
        const diff = [...grew, 'audit_success']
          .filter((t) => after[t] !== before[t])
          .map((t) => `${t} ${before[t]}→${after[t]}`);
        problems.push(`rejected with ${a.status} but stored rows: ${diff.join(', ')}`);
      }
    }
    if (a.status >= 200 && a.status < 300) {
      if (c.body?.payload !== undefined && validBodyRoutes.has(c.route) && !valid) {
        const top = typeof c.body.payload === 'string' ? c.body.payload : '';
        if (/"(__proto__|constructor|prototype)":/.test(top)) {
          problems.push(`accepted a body with a prototype key (answered ${a.status})`);
        }
      }
      const table = CREATES[c.route];
      if (table) {
        const added = after[table] - before[table];
        const body = a.json as {
          id?: string;
          ids?: string[];
          reference?: string;
          accepted?: number;
        };
        let expected = 1;
        if (c.route === 'POST /api/tips/import') expected = body?.accepted ?? 0;
        if (added > expected) {
          stats.duplicated += added - expected;
          problems.push(`${c.route} stored ${added} ${table} rows for one request`);
        }
        if (table === 'tips') {
          const ids = body?.ids ?? (body?.id ? [body.id] : []);
          const found = body?.reference
            ? (await db.query(`SELECT id FROM tips WHERE reference = $1`, [body.reference]))
                .rowCount
            : (await db.query(`SELECT id FROM tips WHERE id = ANY($1::uuid[])`, [ids])).rowCount;
          const want = body?.reference ? 1 : ids.length;
          if ((found ?? 0) < want) {
            stats.lost += want - (found ?? 0);
            problems.push(
              `${c.route} answered ${a.status} but ${want - (found ?? 0)} tip(s) are missing`,
            );
          }
        }
      }
    }
    if (valid && MUST_ACCEPT.has(c.route) && (a.status < 200 || a.status >= 300)) {
      problems.push(`a valid body was refused with ${a.status}: ${short(a.text, 300)}`);
    }
    return problems;
  }

  let validBodyRoutes = new Set<string>();

  /** The same request again, as a client retrying with its Idempotency-Key: the same answer. */
  async function retried(
    c: RequestCase,
    first: Answer,
    before: Record<string, number>,
  ): Promise<string[]> {
    const again = await send(c);
    const after = await counts();
    const problems: string[] = [];
    const id = (x: Answer) => (x.json as { id?: string } | null)?.id;
    if (again.status !== first.status || id(again) !== id(first)) {
      problems.push(
        `a retry answered ${again.status} ${id(again)}, first ${first.status} ${id(first)}`,
      );
    }
    const table = CREATES[c.route];
    if (table && after[table] > before[table]) {
      stats.duplicated += after[table] - before[table];
      problems.push(
        `a retry with the same Idempotency-Key stored ${after[table] - before[table]} more ${table} rows`,
      );
    }
    return problems;
  }

  function pathFor(route: DeclaredRoute, id: IdCase | undefined): string {
    if (route.path === '/*') return `/${id?.segment ?? ''}`;
    return route.path.replace(/:\w+/g, () => id?.segment ?? '');
  }

  function realIds(route: DeclaredRoute): string[] {
    if (route.path.startsWith('/api/tips/')) return fixtures.tipIds;
    if (route.path.startsWith('/api/cases/')) return fixtures.caseIds;
    return fixtures.leadIds;
  }

  function whoFor(route: DeclaredRoute): fc.Arbitrary<Who> {
    if (route.access === 'public') return fc.constant('anon');
    const owner = NEED_TO_KNOW[`${route.method} ${route.path}`];
    if (owner) return fc.constant(owner);
    return fc.constantFrom(...(route.access as Who[]));
  }

  function extraHeaders(key: string): fc.Arbitrary<Record<string, string>> {
    if (key === 'POST /api/tips' || key === 'POST /api/cases/:id/arrests') {
      return fc
        .option(headerValue, { freq: 3 })
        .map((v): Record<string, string> => (v === null ? {} : { 'idempotency-key': v }));
    }
    if (key.startsWith('GET /api/public/tips/status') || key === 'POST /api/public/tips/messages') {
      return fc
        .oneof(
          fc.constant(fixtures.followUpCode),
          headerValue,
          fc.constant(fixtures.followUpCode.toLowerCase()),
        )
        .map((v) => ({ 'x-follow-up-code': v }));
    }
    return fc.constant({});
  }

  function hostileCase(route: DeclaredRoute): fc.Arbitrary<RequestCase> {
    const key = `${route.method} ${route.path}`;
    const hasParam = /:\w+|\{\*\w+\}/.test(route.path);
    const ids = hasParam ? idCases(realIds(route)) : fc.constant(undefined);
    const valid = validBodies(ref)[key];
    const isWrite = route.method !== 'GET' && route.method !== 'HEAD';
    const query = QUERY_KEYS[key]
      ? queryStrings(QUERY_KEYS[key]).map((q) => q.query)
      : fc
          .option(
            queryStrings([]).map((q) => q.query),
            { freq: 4 },
          )
          .map((q) => q ?? undefined);
    return fc
      .record({
        who: whoFor(route),
        id: ids,
        query: isWrite ? fc.option(query, { freq: 8 }).map((q) => q ?? undefined) : query,
        body: isWrite ? bodyCases(valid) : fc.constant(undefined),
        headers: extraHeaders(key),
      })
      .map((r): RequestCase => ({
        route: key,
        method: route.method,
        path: pathFor(route, r.id),
        who: r.who,
        id: r.id,
        query: r.query,
        body: r.body,
        headers: r.headers,
      }))
      .map((c) => Object.assign(c, { [fc.toStringMethod]: () => describeCase(c) }));
  }

  function validCase(key: string, body: fc.Arbitrary<Obj>): fc.Arbitrary<RequestCase> {
    const route = routes.find((r) => `${r.method} ${r.path}` === key)!;
    return fc
      .record({ who: whoFor(route), body, key: fc.option(fc.uuid(), { freq: 2 }) })
      .map((r): RequestCase => ({
        route: key,
        method: route.method,
        path: route.path
          .replace('/api/tips/:id', `/api/tips/${fixtures.tipIds[0]}`)
          .replace('/api/cases/:id', `/api/cases/${fixtures.caseIds[0]}`),
        who: r.who,
        body: {
          kind: 'valid DTO',
          payload: toJson(r.body),
          contentType: 'application/json',
          fieldErrorsDue: false,
        },
        headers:
          key === 'POST /api/public/tips/messages'
            ? { 'x-follow-up-code': fixtures.followUpCode }
            : IDEMPOTENT.has(key) && r.key
              ? { 'idempotency-key': r.key }
              : {},
        retry: IDEMPOTENT.has(key) && r.key !== null,
      }))
      .map((c) => Object.assign(c, { [fc.toStringMethod]: () => describeCase(c) }));
  }

  async function runProperty(
    label: string,
    arb: fc.Arbitrary<RequestCase>,
    numRuns: number,
    valid: boolean,
    failures: string[],
  ): Promise<void> {
    const result = await fc.check(
      fc.asyncProperty(arb, async (c) => {
        const before = await counts();
        const a = await send(c);
        const after = await counts();
        const problems = await judge(c, a, before, after, valid);
        if (c.retry && problems.length === 0) problems.push(...(await retried(c, a, after)));
        if (problems.length) throw new Error(problems.join('\n'));
      }),
      { seed: SEED, numRuns, interruptAfterTimeLimit: 90_000, markInterruptAsFailure: false },
    );
    if (result.failed) {
      const cause = result.errorInstance instanceof Error ? result.errorInstance.message : '';
      failures.push(
        `${label} (FUZZ_SEED=${SEED} FUZZ_ROUTE='${label}')\n${cause}\n${fc.defaultReportMessage(result)}`,
      );
    }
  }

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    env = newTestEnv('fuzz', redis.url);
    stack = await ProcessStack.create({
      ...env,
      env: {
        ROUTE_TABLE_FILE: ROUTE_TABLE,
        RATE_LIMIT_PUBLIC_SUBMIT_PER_MIN: '1000000',
        RATE_LIMIT_PUBLIC_READ_PER_MIN: '1000000',
        FOLLOW_UP_FAILURE_LIMIT: '1000000',
        LOG_LEVEL: 'debug',
      },
    });
    await stack.start('api');
    routes = JSON.parse(readFileSync(ROUTE_TABLE, 'utf8')) as DeclaredRoute[];
    if (ONLY_ROUTE) routes = routes.filter((r) => `${r.method} ${r.path}` === ONLY_ROUTE);
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();

    const clients = await Promise.all(ROLES.map((r) => userWithRole(stack.baseUrl, r)));
    for (const [i, role] of ROLES.entries()) {
      const login = await http<{ accessToken: string }>(stack.baseUrl, 'POST', '/api/auth/login', {
        username: clients[i].username,
        password: 'test-password-123',
      });
      tokens[role] = login.body.accessToken;
    }
    const [operator, investigator] = clients;
    ref = (await http<Reference>(stack.baseUrl, 'GET', '/api/reference')).body;
    validBodyRoutes = new Set(Object.keys(validBodies(ref)));

    // Two tips with a tipster, driven to open leads by the workers, which are then stopped: from
    // here on only the API writes, so each request's row counts are its own.
    for (const ward of ref.wards.slice(0, 2)) {
      const tip = await operator.must<{ id: string }>(
        'POST',
        '/api/tips',
        newTip({
          ward,
          anonymous: false,
          tipster: { name: `Nguyễn ${CANARY}`, phone: '0912345678' },
        }),
      );
      fixtures.tipIds.push(tip.body.id);
    }
    const workers = await Promise.all(
      (['dispatcher', 'triage-worker', 'linkage-worker'] as const).map((app) => stack.start(app)),
    );
    for (const tipId of fixtures.tipIds) {
      const leadId = await waitFor(
        async () =>
          (await operator.call<{ leadId: string | null }>('GET', `/api/tips/${tipId}`)).body
            .leadId ?? undefined,
        60_000,
        () => `a lead for fixture tip ${tipId}`,
      );
      fixtures.leadIds.push(leadId);
    }
    await waitFor(
      async () =>
        Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM outbox`)).rows[0].n) === 0,
      30_000,
      () => 'the outbox to drain',
    );
    await sleep(2_000);
    await Promise.all(workers.map((w) => stack.kill(w, 'SIGTERM')));
    const pub = await http<{ followUpCode: string }>(stack.baseUrl, 'POST', '/api/public/tips', {
      category: ref.categories[0],
      ward: ref.wards[0],
      description: `${CANARY} người lạ đứng trước cổng trường`,
    });
    expect(pub.status).toBe(202);
    fixtures.followUpCode = pub.body.followUpCode;
    const kase = await investigator.must<{ id: string }>('POST', '/api/cases', {
      title: 'Trộm xe máy',
      kind: 'criminal',
      category: ref.categories[0],
      severity: 'less_serious',
      ward: ref.wards[0],
      occurredAt: '2026-01-10T10:00:00Z',
    });
    fixtures.caseIds.push(kase.body.id);

    const { rows } = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    tables = rows.map((r) => r.table_name).filter((t) => !DERIVED_TABLES.has(t));
    countSql = [
      ...tables.map((t) => `SELECT '${t}' AS t, count(*) AS n FROM "${t}"`),
      `SELECT 'audit_success' AS t, count(*) AS n FROM audit_log WHERE outcome = 'success'`,
    ].join(' UNION ALL ');
  });

  afterAll(async () => {
    await db?.end();
    await stack?.stop();
    await env?.cleanup();
    await redis?.destroy();
    rmSync(ROUTE_TABLE, { force: true });
  });

  it(
    'never answers 5xx, rejects with a message per field and stores nothing it rejected',
    async () => {
      const failures: string[] = [];
      expect(routes.length).toBeGreaterThan(ONLY_ROUTE ? 0 : 25);
      expect(tables).toEqual(expect.arrayContaining(['tips', 'audit_log', 'cases', 'arrests']));

      // Valid bodies for every DTO that can succeed with the fixtures: about an eighth of the budget.
      const valid = Object.entries(validBodies(ref)).filter(
        ([key]) => MUST_ACCEPT.has(key) && routes.some((r) => `${r.method} ${r.path}` === key),
      );
      const perValid = Math.max(2, Math.round(TOTAL / 8 / Math.max(1, valid.length)));
      for (const [key, body] of valid) {
        await runProperty(
          `${key} (valid)`,
          validCase(key, body),
          key === 'POST /api/users' ? Math.min(perValid, 5) : perValid,
          true,
          failures,
        );
      }
      const afterValid = stats.sent;
      // Sweeps that random combinations rarely isolate: one sharp value behind otherwise valid
      // input, for every query key of every list and report route and every top-level field of
      // every DTO.
      const sweep = async (c: RequestCase) => {
        const before = await counts();
        const a = await send(c);
        const problems = await judge(c, a, before, await counts(), false);
        if (problems.length) failures.push(`sweep: ${describeCase(c)}\n${problems.join('\n')}`);
      };
      for (const route of routes) {
        const key = `${route.method} ${route.path}`;
        const who =
          route.access === 'public' ? 'anon' : (NEED_TO_KNOW[key] ?? (route.access[0] as Who));
        for (const q of QUERY_KEYS[key] ?? []) {
          for (const v of SHARP_VALUES) {
            await sweep({
              route: key,
              who,
              method: route.method,
              path: route.path,
              query: `${encode(q)}=${encode(v)}`,
              headers: {},
            });
          }
        }
        const valid = validBodies(ref)[key];
        if (!valid) continue;
        const base = fc.sample(valid, { seed: SEED, numRuns: 1 })[0];
        for (const [field] of base.entries) {
          for (const v of SHARP_VALUES) {
            const body = new Obj(base.entries.map(([k, x]) => [k, k === field ? v : x]));
            await sweep({
              route: key,
              who,
              method: route.method,
              path: route.path
                .replace('/api/tips/:id', `/api/tips/${fixtures.tipIds[0]}`)
                .replace('/api/cases/:id', `/api/cases/${fixtures.caseIds[0]}`)
                .replace('/api/leads/:id', `/api/leads/${fixtures.leadIds[0]}`),
              body: {
                kind: 'sweep',
                payload: toJson(body),
                contentType: 'application/json',
                fieldErrorsDue: false,
              },
              headers:
                key === 'POST /api/public/tips/messages'
                  ? { 'x-follow-up-code': fixtures.followUpCode }
                  : {},
            });
          }
        }
      }
      const afterSweeps = stats.sent;
      // Hostile requests: the rest, over every declared route; routes that read a body get twice
      // the share of those that read only a path or a query.
      const weight = (r: DeclaredRoute) => (validBodyRoutes.has(`${r.method} ${r.path}`) ? 2 : 1);
      const share =
        (TOTAL - stats.sent) /
        Math.max(
          1,
          routes.reduce((n, r) => n + weight(r), 0),
        );
      for (const route of routes) {
        const runs = Math.max(5, Math.round(share * weight(route)));
        await runProperty(
          `${route.method} ${route.path}`,
          hostileCase(route),
          runs,
          false,
          failures,
        );
      }

      const seconds = (Date.now() - stats.started) / 1000;
      const summary = [...stats.statuses.entries()]
        .map(
          ([r, m]) =>
            `${r}: ${[...m.entries()]
              .sort((x, y) => x[0] - y[0])
              .map(([s, n]) => `${s}×${n}`)
              .join(' ')}`,
        )
        .join('\n');
      process.stdout.write(
        `\nfuzz: ${stats.sent} requests over ${routes.length} routes in ${seconds.toFixed(1)} s (seed ${SEED}): ` +
          `${afterValid} valid, ${afterSweeps - afterValid} sweep, ${stats.sent - afterSweeps} random hostile\n${summary}\n`,
      );
      recordChaosRow({
        scenario: '8. fuzzed input (every route)',
        tips: stats.sent,
        lost: stats.lost,
        duplicated: stats.duplicated,
        unexpected: stats.rejectedStored + stats.fiveHundreds,
        maxRecoverySeconds: 0,
        notes: `${routes.length} routes, seed ${SEED}, ${seconds.toFixed(0)} s`,
      });
      expect(failures).toEqual([]);
      expect(stats.fiveHundreds).toBe(0);
      expect(stats.rejectedStored).toBe(0);
      expect(stats.lost).toBe(0);
      expect(stats.duplicated).toBe(0);
      // Every route was reached.
      expect(routes.filter((r) => !stats.statuses.has(`${r.method} ${r.path}`))).toEqual([]);
    },
    120_000 + TOTAL * 300,
  );

  it('never writes tip text or tipster identities to the logs', () => {
    const logs = stack.logs();
    expect(logs.length).toBeGreaterThan(0);
    const leaks = logs.split('\n').filter((l) => l.includes(CANARY));
    expect(leaks.map((l) => l.slice(0, 400))).toEqual([]);
  });
});
