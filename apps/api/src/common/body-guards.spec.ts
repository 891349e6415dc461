import type { NextFunction, Request, Response } from 'express';
import {
  MAX_BODY_DEPTH,
  nestingDepth,
  prototypeKeyPath,
  rejectDeepBodies,
  rejectPrototypeKeys,
} from './body-guards';

/** `levels` levels of arrays (`[[…]]`) or of objects (`{"a":{"a":…{}}}`), as JSON.parse makes them. */
function nested(levels: number, kind: 'array' | 'object' = 'array'): unknown {
  const [open, inner, close] = kind === 'array' ? ['[', '[]', ']'] : ['{"a":', '{}', '}'];
  return JSON.parse(open.repeat(levels - 1) + inner + close.repeat(levels - 1));
}

function run(
  body: unknown,
  guard = rejectDeepBodies,
): { status?: number; json?: Record<string, unknown>; next: boolean } {
  const out: { status?: number; json?: Record<string, unknown>; next: boolean } = { next: false };
  const res = {
    status(code: number) {
      out.status = code;
      return this;
    },
    json(value: Record<string, unknown>) {
      out.json = value;
      return this;
    },
  } as unknown as Response;
  const next: NextFunction = () => {
    out.next = true;
  };
  guard({ body } as Request, res, next);
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

describe('rejectDeepBodies', () => {
  it('passes ordinary bodies, empty bodies and bodies exactly at the limit', () => {
    expect(run(undefined).next).toBe(true);
    expect(run({}).next).toBe(true);
    expect(run({ tips: [{ location: { address: 'x' }, tipster: { name: 'a' } }] }).next).toBe(true);
    expect(run(nested(MAX_BODY_DEPTH)).next).toBe(true);
    expect(run({ a: nested(MAX_BODY_DEPTH - 1, 'object') }).next).toBe(true);
  });

  it('answers 400 in the API error shape to a body nested one level too deep', () => {
    const out = run(nested(MAX_BODY_DEPTH + 1));
    expect(out.next).toBe(false);
    expect(out.status).toBe(400);
    expect(out.json).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: [expect.stringContaining(`${MAX_BODY_DEPTH} levels`)],
      errors: { body: [expect.stringContaining(`${MAX_BODY_DEPTH} levels`)] },
    });
  });

  it('rejects very deep arrays and objects without overflowing', () => {
    for (const body of [nested(30_000), nested(20_000, 'object')]) {
      const out = run(body);
      expect(out.status).toBe(400);
      expect(out.next).toBe(false);
    }
  });
});

describe('rejectPrototypeKeys', () => {
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
    expect(run({ description: 'constructor of a house' }, rejectPrototypeKeys).next).toBe(true);
    const out = run(
      parsed('{"ward":"x","tipster":{"__proto__":{"role":"admin"}}}'),
      rejectPrototypeKeys,
    );
    expect(out.next).toBe(false);
    expect(out.status).toBe(400);
    expect(out.json).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['property __proto__ should not exist'],
      errors: { 'tipster.__proto__': ['property __proto__ should not exist'] },
    });
  });
});
