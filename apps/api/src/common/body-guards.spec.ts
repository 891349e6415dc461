import { HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  checkDeclaredBody,
  MAX_BODY_DEPTH,
  nestingDepth,
  parseJsonBody,
  prototypeKeyPath,
} from './body-guards';

/** `levels` levels of arrays (`[[…]]`) or of objects (`{"a":{"a":…{}}}`), as JSON text. */
function nestedJson(levels: number, kind: 'array' | 'object' = 'array'): string {
  const [open, inner, close] = kind === 'array' ? ['[', '[]', ']'] : ['{"a":', '{}', '}'];
  return open.repeat(levels - 1) + inner + close.repeat(levels - 1);
}

function nested(levels: number, kind: 'array' | 'object' = 'array'): unknown {
  return JSON.parse(nestedJson(levels, kind));
}

/** What parseJsonBody answers: the parsed body, or the status and body of its refusal. */
function parse(
  body: string,
  charset?: string,
): { value?: unknown; status?: number; json?: Record<string, unknown> } {
  try {
    return { value: parseJsonBody(body, charset) };
  } catch (err) {
    if (!(err instanceof HttpException)) throw err;
    return { status: err.getStatus(), json: err.getResponse() as Record<string, unknown> };
  }
}

/** What checkDeclaredBody does with a request: passes it on, or answers it. */
function check(
  method: string,
  url: string,
  headers: Record<string, string>,
): { next: boolean; status?: number; json?: Record<string, unknown> } {
  const out: { next: boolean; status?: number; json?: Record<string, unknown> } = { next: false };
  const reply = {
    code(status: number) {
      out.status = status;
      return this;
    },
    send(json: Record<string, unknown>) {
      out.json = json;
      return this;
    },
  } as unknown as FastifyReply;
  checkDeclaredBody({ method, url, headers } as FastifyRequest, reply, () => {
    out.next = true;
  });
  return out;
}

describe('nestingDepth', () => {
  it('counts levels of arrays and objects', () => {
    expect(nestingDepth('text')).toBe(0);
    expect(nestingDepth(null)).toBe(0);
    expect(nestingDepth({})).toBe(1);
    expect(nestingDepth({ a: 1, b: [1, { c: [] }] })).toBe(4);
    expect(nestingDepth(nested(40))).toBe(40);
  });

  it('handles bodies far deeper than the call stack, stopping past the limit', () => {
    // 30,000 levels is 60 KB of JSON: under the body limit, and enough to overflow any recursion.
    const deep = nested(30_000);
    expect(nestingDepth(deep)).toBe(30_000);
    expect(nestingDepth(deep, MAX_BODY_DEPTH)).toBe(MAX_BODY_DEPTH + 1);
  });
});

describe('parseJsonBody: nesting', () => {
  it('passes ordinary bodies, empty bodies and bodies exactly at the limit', () => {
    expect(parse('').value).toEqual({});
    expect(parse(' \n').value).toEqual({});
    expect(parse('{}').value).toEqual({});
    const tips = { tips: [{ location: { address: 'x' }, tipster: { name: 'a' } }] };
    expect(parse(JSON.stringify(tips)).value).toEqual(tips);
    expect(parse(nestedJson(MAX_BODY_DEPTH)).status).toBeUndefined();
    expect(parse(`{"a":${nestedJson(MAX_BODY_DEPTH - 1, 'object')}}`).status).toBeUndefined();
  });

  it('answers 400 in the API error shape to a body nested one level too deep', () => {
    const out = parse(nestedJson(MAX_BODY_DEPTH + 1));
    expect(out.status).toBe(400);
    expect(out.json).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: [expect.stringContaining(`${MAX_BODY_DEPTH} levels`)],
      errors: { body: [expect.stringContaining(`${MAX_BODY_DEPTH} levels`)] },
    });
  });

  it('rejects very deep arrays and objects without overflowing', () => {
    for (const body of [nestedJson(30_000), nestedJson(20_000, 'object')]) {
      expect(parse(body).status).toBe(400);
    }
  });
});

describe('parseJsonBody: what is not a JSON object or array', () => {
  it('answers 400 to malformed JSON and to a bare value at the top', () => {
    for (const body of ['{"a":', 'nope', '"text"', '12', 'null']) {
      expect(parse(body)).toEqual({
        status: 400,
        json: { statusCode: 400, error: 'Bad Request', message: 'request body is not valid JSON' },
      });
    }
  });

  it('answers 415 to a charset other than UTF-8', () => {
    expect(parse('{}', 'utf-8').value).toEqual({});
    expect(parse('{}', 'latin1').status).toBe(415);
  });
});

describe('checkDeclaredBody', () => {
  const json = { 'content-type': 'application/json; charset=utf-8' };

  it('passes JSON writes, reads and uploads', () => {
    expect(check('POST', '/api/tips', { ...json, 'content-length': '20' }).next).toBe(true);
    expect(check('GET', '/api/tips?stage=received', {}).next).toBe(true);
    expect(check('POST', '/api/leads/claim', {}).next).toBe(true);
    const upload = {
      'content-type': 'multipart/form-data; boundary=x',
      'content-length': '9999999',
    };
    expect(check('POST', '/api/tips/abc/attachments', upload).next).toBe(true);
    expect(check('POST', '/api/public/tips/attachments?x=1', upload).next).toBe(true);
  });

  it('answers 413 to a declared body over the limit, whatever its type', () => {
    const out = check('POST', '/api/tips', { ...json, 'content-length': String(64 * 1024 + 1) });
    expect(out).toEqual({
      next: false,
      status: 413,
      json: {
        statusCode: 413,
        error: 'Payload Too Large',
        message: 'request body must be at most 64 KB',
      },
    });
  });

  it('answers 415 to a write with a body that is not JSON', () => {
    const cases: Record<string, string>[] = [
      { 'content-type': 'text/plain', 'content-length': '3' },
      { 'content-length': '3' },
      { 'content-type': 'multipart/form-data; boundary=x', 'transfer-encoding': 'chunked' },
    ];
    for (const headers of cases) {
      expect(check('POST', '/api/tips', headers)).toMatchObject({ next: false, status: 415 });
    }
  });
});

describe('parseJsonBody: prototype keys', () => {
  const parsed = (json: string): unknown => JSON.parse(json);

  it('finds prototype keys at any depth, as JSON.parse makes them own keys', () => {
    expect(prototypeKeyPath(parsed('{"a":1,"b":[{"c":2}]}'))).toBeNull();
    expect(prototypeKeyPath(parsed('{"__proto__":{"isAdmin":true}}'))).toBe('__proto__');
    expect(prototypeKeyPath(parsed('{"location":{"constructor":{"prototype":{}}}}'))).toBe(
      'location.constructor',
    );
    expect(prototypeKeyPath(parsed('{"tips":[{"prototype":1}]}'))).toBe('tips.0.prototype');
    expect(prototypeKeyPath(parsed('"text"'))).toBeNull();
  });

  it('answers 400 with the field, and passes ordinary bodies', () => {
    expect(parse('{"description":"constructor of a house"}').value).toEqual({
      description: 'constructor of a house',
    });
    const out = parse('{"ward":"x","tipster":{"__proto__":{"role":"admin"}}}');
    expect(out.status).toBe(400);
    expect(out.json).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['property __proto__ should not exist'],
      errors: { 'tipster.__proto__': ['property __proto__ should not exist'] },
    });
  });
});
