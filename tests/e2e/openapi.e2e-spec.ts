import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import ts from 'typescript';
import { http, ProcessStack } from '@tools/stack';
import { newTestEnv, newTip, TestEnv } from '@app/testing';

interface Operation {
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; schema?: { format?: string } }[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}
interface DeclaredRoute {
  method: string;
  path: string;
  access: 'public' | string[];
}
interface Exchange {
  method: string;
  path: string;
  status: number;
  body: unknown;
}
interface RedoclyReport {
  totals: { errors: number; warnings: number };
  problems: {
    ruleId: string;
    severity: string;
    message: string;
    location: { pointer: string }[];
  }[];
}

const exec = promisify(execFile);
const BIN = resolve(__dirname, '../../node_modules/.bin');
const CALLS = resolve(__dirname, 'openapi-calls.ts.txt');
const ROUTE_TABLE = join(tmpdir(), `tiptrace-openapi-routes-${process.pid}.json`);

/**
 * The contract's "OpenAPI" section: GET /docs-json describes every route well enough that
 * Redocly's recommended rules find no error and a client generated from it with openapi-typescript
 * compiles against real calls, which then answer exactly in the documented shapes.
 */
describe('the OpenAPI document', () => {
  let env: TestEnv;
  let stack: ProcessStack;
  let dir: string;
  let file: string;
  let doc: OpenApiDoc;

  beforeAll(async () => {
    env = newTestEnv('openapi');
    stack = await ProcessStack.create({ ...env, env: { ROUTE_TABLE_FILE: ROUTE_TABLE } });
    await stack.startAll();
    dir = mkdtempSync(join(tmpdir(), 'tiptrace-openapi-'));
    const res = await http<OpenApiDoc>(stack.baseUrl, 'GET', '/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
    file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc, null, 2));
  });

  afterAll(async () => {
    await stack?.stop();
    await env?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
    rmSync(ROUTE_TABLE, { force: true });
  });

  it('passes redocly lint (recommended rules) with no error', async () => {
    // The installed CLI, no network: no telemetry, no update check.
    const out = await exec(
      join(BIN, 'redocly'),
      ['lint', file, '--extends=recommended', '--format=json'],
      {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
    const report = JSON.parse(out.stdout) as RedoclyReport;
    const errors = report.problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it('gives every route a summary, its security as the guard enforces it, and its errors', () => {
    const table = JSON.parse(readFileSync(ROUTE_TABLE, 'utf8')) as DeclaredRoute[];
    const access = new Map(table.map((r) => [`${r.method} ${r.path}`, r.access]));
    const problems: string[] = [];
    let operations = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        operations++;
        const route = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
        const declared = access.get(route);
        const has = (status: number) => String(status) in op.responses;
        if (!op.summary) problems.push(`${route}: no summary`);
        if (!Object.keys(op.responses).some((s) => s.startsWith('2'))) {
          problems.push(`${route}: no success answer`);
        }
        if (declared === 'public') {
          if (op.security?.length !== 0) problems.push(`${route}: public, yet security`);
        } else {
          if (JSON.stringify(op.security) !== '[{"bearer":[]}]') {
            problems.push(`${route}: protected, without bearer`);
          }
          if (!has(401)) problems.push(`${route}: no 401`);
          if (declared && declared.length < 4 && !has(403)) problems.push(`${route}: no 403`);
        }
        if (op.requestBody && ![400, 413, 415].every(has)) {
          problems.push(`${route}: a body without 400/413/415`);
        }
        for (const p of op.parameters ?? []) {
          if (p.in === 'path' && p.name === 'id') {
            if (p.schema?.format !== 'uuid') problems.push(`${route}: id not a uuid`);
            if (!has(404)) problems.push(`${route}: no 404`);
          }
        }
        for (const [status, answer] of Object.entries(op.responses)) {
          const schema = JSON.stringify(answer.content?.['application/json']?.schema ?? null);
          if (Number(status) >= 400 && schema !== '{"$ref":"#/components/schemas/ApiError"}') {
            if (route !== 'GET /health/ready') problems.push(`${route} ${status}: not ApiError`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(operations).toBe(table.filter((r) => r.path !== '/*').length);
    // The claim answers 200 with the lead or 204 when none waits.
    const claim = doc.paths['/api/leads/claim'].post.responses;
    expect(Object.keys(claim).filter((s) => s < '300')).toEqual(['200', '204']);
    expect(claim['204'].content).toBeUndefined();
    // The per-field errors of a 400.
    expect(doc.components.schemas.ApiError).toMatchObject({
      required: ['statusCode', 'error', 'message'],
      properties: { errors: { additionalProperties: { type: 'array' } } },
    });
  });

  it('is the document the console is typed with (apps/console/src/lib/api-schema.d.ts is current)', async () => {
    // The build writes the console's types from the document built without a server; the
    // served document must give exactly the same file.
    // In a process of its own: openapi-typescript loads ES modules that jest's runtime does not.
    const script = resolve(__dirname, '../../scripts/console-api-schema.js');
    const { stdout } = await exec(
      process.execPath,
      [
        '-e',
        `require(process.argv[1]).schemaText(JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8')))
           .then((text) => process.stdout.write(text))`,
        script,
        file,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const committed = readFileSync(
      resolve(__dirname, '../../apps/console/src/lib/api-schema.d.ts'),
      'utf8',
    );
    expect(stdout).toBe(committed);
  });

  it('makes a typed client that compiles against real calls, answered as documented', async () => {
    await exec(join(BIN, 'openapi-typescript'), [file, '-o', join(dir, 'api.d.ts')]);
    const calls = join(dir, 'calls.ts');
    copyFileSync(CALLS, calls);
    const program = ts.createProgram([calls], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ES2022,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      types: [],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file?.getLineAndCharacterOfPosition(d.start ?? 0);
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      return `${d.file ? d.file.fileName.slice(dir.length + 1) : ''}:${(where?.line ?? 0) + 1} ${text}`;
    });
    expect(diagnostics).toEqual([]);

    const reference = await http<{ wards: string[] }>(stack.baseUrl, 'GET', '/api/reference');
    const [clearWard, quietWard] = reference.body.wards;
    const { category, description } = newTip() as { category: string; description: string };
    const client = (await import(calls)) as {
      run(base: string, fixtures: unknown): Promise<Exchange[]>;
    };
    const log = await client.run(stack.baseUrl, {
      admin: {
        username: process.env.ADMIN_USERNAME || 'admin',
        password: process.env.ADMIN_PASSWORD || 'tiptrace-dev-admin',
      },
      suffix: `${process.pid}-${Date.now() % 1_000_000}`,
      clearTip: newTip({ ward: clearWard }),
      vagueTip: {
        channel: 'hotline',
        category: 'other',
        ward: quietWard,
        description: 'Ở đây có chuyện gì đó lạ lắm',
        anonymous: true,
      },
      publicTip: {
        category,
        ward: quietWard,
        description,
        channel: 'web',
        tipster: { phone: '0901234567' },
      },
      importTip: newTip({ ward: clearWard }),
      wards: [clearWard, quietWard],
    });

    const failures = answersAgainstDocument(doc, log);
    expect(failures).toEqual([]);
    // Most of the API was exercised, errors included.
    expect(new Set(log.map((x) => `${x.method} ${x.path}`)).size).toBeGreaterThanOrEqual(40);
    for (const status of [200, 201, 202, 204, 400, 401, 403, 404, 409]) {
      expect(log.map((x) => x.status)).toContain(status);
    }
  });
});

/** Every answer against the schema its status has in the document, objects closed. */
function answersAgainstDocument(doc: OpenApiDoc, log: Exchange[]): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({
    $id: 'openapi',
    components: {
      schemas: Object.fromEntries(
        Object.entries(doc.components.schemas).map(([name, s]) => [name, jsonSchema(s)]),
      ),
    },
  });
  const failures: string[] = [];
  for (const x of log) {
    const call = `${x.method.toUpperCase()} ${x.path} → ${x.status}`;
    const answer = doc.paths[x.path]?.[x.method]?.responses[String(x.status)];
    if (!answer) {
      failures.push(`${call}: status not documented`);
      continue;
    }
    const [media, content] = Object.entries(answer.content ?? {})[0] ?? [];
    if (!media || !content) {
      if (x.body !== undefined) failures.push(`${call}: a body where none is documented`);
      continue;
    }
    if (!media.includes('json')) {
      if (typeof x.body !== 'string') failures.push(`${call}: not the documented ${media}`);
      continue;
    }
    const validate = ajv.compile(jsonSchema(content.schema) as object);
    if (!validate(x.body)) failures.push(`${call}: ${ajv.errorsText(validate.errors)}`);
  }
  return failures;
}

/**
 * An OpenAPI 3.0 schema as JSON Schema for Ajv: `nullable` as a null alternative, references into
 * the document registered as `openapi`, and every object with properties closed to others, so an
 * undocumented field in an answer fails.
 */
function jsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(jsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const s = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'nullable' || k === 'example' || k === 'examples') continue;
    if (k === '$ref') out.$ref = `openapi${String(v)}`;
    else if (k === 'properties') {
      out.properties = Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([p, ps]) => [p, jsonSchema(ps)]),
      );
    } else out[k] = jsonSchema(v);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (s.nullable === true) {
    if (out.allOf) delete out.type;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}
