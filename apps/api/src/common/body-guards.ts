import type { NextFunction, Request, Response } from 'express';

export const BODY_LIMIT_BYTES = 64 * 1024;

// The routes that take a file (multipart/form-data, streamed, with their own size limit).
const UPLOAD_PATH = /^\/api\/(?:tips\/[^/]+|public\/tips)\/attachments\/?$/;

/** A file upload: exempt from the JSON-only body rules, it streams and limits its own body. */
export function isUpload(req: Request): boolean {
  return req.method === 'POST' && UPLOAD_PATH.test(req.path);
}

/** 413 before reading anything when the declared body is over the limit, whatever its type. */
export function rejectOversizedBodies(req: Request, res: Response, next: NextFunction): void {
  if (isUpload(req)) return next();
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > BODY_LIMIT_BYTES) {
    res.status(413).json({
      statusCode: 413,
      error: 'Payload Too Large',
      message: `request body must be at most ${BODY_LIMIT_BYTES / 1024} KB`,
    });
    return;
  }
  next();
}

/** A write with a body that is not JSON is 415: there is no other format the API reads. */
export function requireJsonBodies(req: Request, res: Response, next: NextFunction): void {
  if (isUpload(req)) return next();
  const hasBody =
    Number(req.headers['content-length'] ?? 0) > 0 ||
    req.headers['transfer-encoding'] !== undefined;
  if (hasBody && ['POST', 'PUT', 'PATCH'].includes(req.method) && !req.is('application/json')) {
    res.status(415).json({
      statusCode: 415,
      error: 'Unsupported Media Type',
      message: 'send the body as application/json',
    });
    return;
  }
  next();
}

/** Turns body-parser failures (malformed JSON, too large, bad charset) into the API's shape. */
export function bodyParserErrors(
  err: { type?: string; status?: number; statusCode?: number },
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (!err || typeof err !== 'object' || !err.type) return next(err);
  const status =
    err.type === 'entity.too.large'
      ? 413
      : err.type === 'entity.parse.failed'
        ? 400
        : (err.status ?? err.statusCode ?? 400);
  const message =
    status === 413
      ? `request body must be at most ${BODY_LIMIT_BYTES / 1024} KB`
      : status === 400
        ? 'request body is not valid JSON'
        : 'request body could not be read';
  res.status(status).json({
    statusCode: status,
    error:
      status === 413
        ? 'Payload Too Large'
        : status === 415
          ? 'Unsupported Media Type'
          : 'Bad Request',
    message,
  });
}

/** Deepest nesting of arrays and objects a body may have; the deepest DTO needs 4. */
export const MAX_BODY_DEPTH = 32;

/**
 * How deeply `value` nests arrays and objects (a scalar is 0, `{}` is 1), stopping as soon as
 * `limit` is passed. Iterative: a hostile body cannot overflow the stack here.
 */
export function nestingDepth(value: unknown, limit = Infinity): number {
  if (value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  const stack: [object, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) {
      deepest = depth;
      if (deepest > limit) return deepest;
    }
    for (const child of Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child as object, depth + 1]);
    }
  }
  return deepest;
}

/**
 * 400 for a parsed body nested deeper than MAX_BODY_DEPTH: the validator and the transformer
 * recurse once per level, so a small but very deep body (`[[[[…]]]]`) would otherwise overflow
 * their stack and answer 500. Runs right after the JSON parser, before anything reads the body.
 */
export function rejectDeepBodies(req: Request, res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (
    body !== null &&
    typeof body === 'object' &&
    nestingDepth(body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH
  ) {
    const message = `request body must not nest objects or arrays deeper than ${MAX_BODY_DEPTH} levels`;
    res.status(400).json({
      statusCode: 400,
      error: 'Bad Request',
      message: [message],
      errors: { body: [message] },
    });
    return;
  }
  next();
}

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The path (`location.__proto__`) of the first key in `value` that names a prototype, or null.
 * Iterative; meant for bodies already bounded by rejectDeepBodies.
 */
export function prototypeKeyPath(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return null;
  const stack: [object, string][] = [[value, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    for (const [key, child] of Object.entries(node)) {
      const at = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) return at;
      if (child !== null && typeof child === 'object') stack.push([child as object, at]);
    }
  }
  return null;
}

/**
 * 400 for a body holding `__proto__`, `constructor` or `prototype` as a key. The transformer
 * drops such keys before the validator looks for unknown fields, so without this they were
 * silently accepted where any other unknown field is refused.
 */
export function rejectPrototypeKeys(req: Request, res: Response, next: NextFunction): void {
  const at = prototypeKeyPath(req.body);
  if (at !== null) {
    const key = at.slice(at.lastIndexOf('.') + 1);
    const message = `property ${key} should not exist`;
    res.status(400).json({
      statusCode: 400,
      error: 'Bad Request',
      message: [message],
      errors: { [at]: [message] },
    });
    return;
  }
  next();
}
