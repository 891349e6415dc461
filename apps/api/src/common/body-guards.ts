import type { IncomingHttpHeaders } from 'node:http';
import { HttpException } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const BODY_LIMIT_BYTES = 64 * 1024;

// The routes that take a file (multipart/form-data, streamed, with their own size limit).
const UPLOAD_PATH = /^\/api\/(?:tips\/[^/]+|public\/tips)\/attachments\/?$/;

/** A request's path: its URL without the query string. */
export function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** The media type of a request's body (`application/json`), lower-case, without parameters. */
export function mediaTypeOf(headers: IncomingHttpHeaders): string {
  const raw = headers['content-type'] ?? '';
  const semi = raw.indexOf(';');
  return (semi === -1 ? raw : raw.slice(0, semi)).trim().toLowerCase();
}

/** A file upload: exempt from the JSON-only body rules, it streams and limits its own body. */
export function isUpload(method: string, path: string): boolean {
  return method === 'POST' && UPLOAD_PATH.test(path);
}

/** The 413 answer to a body over the limit (also Fastify's own refusal, mapped by the filter). */
export const TOO_LARGE = {
  statusCode: 413,
  error: 'Payload Too Large',
  message: `request body must be at most ${BODY_LIMIT_BYTES / 1024} KB`,
};

const NOT_JSON = {
  statusCode: 415,
  error: 'Unsupported Media Type',
  message: 'send the body as application/json',
};

/**
 * Before anything reads the body: 413 when the declared body is over the limit, whatever its type,
 * and 415 for a write whose body is not JSON (there is no other format the API reads). Uploads
 * pass: they stream and limit their own bodies.
 */
export function checkDeclaredBody(
  request: FastifyRequest,
  reply: FastifyReply,
  done: (err?: Error) => void,
): void {
  const { method, headers } = request;
  if (isUpload(method, pathOf(request.url))) return done();
  const declared = Number(headers['content-length'] ?? 0);
  if (declared > BODY_LIMIT_BYTES) {
    void reply.code(413).send(TOO_LARGE);
    return;
  }
  const hasBody = declared > 0 || headers['transfer-encoding'] !== undefined;
  if (
    hasBody &&
    (method === 'POST' || method === 'PUT' || method === 'PATCH') &&
    mediaTypeOf(headers) !== 'application/json'
  ) {
    void reply.code(415).send(NOT_JSON);
    return;
  }
  done();
}

function badRequest(message: string, errors: Record<string, string[]>): HttpException {
  return new HttpException(
    { statusCode: 400, error: 'Bad Request', message: [message], errors },
    400,
  );
}

/**
 * The JSON body parser: at most BODY_LIMIT_BYTES, UTF-8, an object or an array at the top (an
 * empty body is `{}`), nested at most MAX_BODY_DEPTH levels and without prototype keys. Every
 * refusal has the API's error shape.
 */
export function parseJsonBody(body: string, charset: string | undefined): unknown {
  if (charset !== undefined && !charset.startsWith('utf-')) {
    throw new HttpException(
      {
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: 'request body could not be read',
      },
      415,
    );
  }
  const first = /\S/.exec(body)?.[0];
  if (first === undefined) return {};
  let parsed: unknown;
  try {
    if (first !== '{' && first !== '[') throw new SyntaxError('not an object or array');
    parsed = JSON.parse(body);
  } catch {
    throw new HttpException(
      { statusCode: 400, error: 'Bad Request', message: 'request body is not valid JSON' },
      400,
    );
  }
  // The validator and the transformer recurse once per level, so a small but very deep body
  // (`[[[[…]]]]`) would otherwise overflow their stack and answer 500.
  if (nestingDepth(parsed, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
    const message = `request body must not nest objects or arrays deeper than ${MAX_BODY_DEPTH} levels`;
    throw badRequest(message, { body: [message] });
  }
  // The transformer drops such keys before the validator looks for unknown fields, so without
  // this they were silently accepted where any other unknown field is refused.
  const at = prototypeKeyPath(parsed);
  if (at !== null) {
    const message = `property ${at.slice(at.lastIndexOf('.') + 1)} should not exist`;
    throw badRequest(message, { [at]: [message] });
  }
  return parsed;
}

function charsetOf(headers: IncomingHttpHeaders): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(headers['content-type'] ?? '');
  return m ? m[1].toLowerCase() : undefined;
}

/**
 * The body rules on a Fastify instance: the declared-size and type checks first, then one JSON
 * parser; any other type (a multipart upload, a body-less request) is left unread for its route.
 */
export function useBodyGuards(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', checkDeclaredBody);
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    (request, body, done) => {
      try {
        done(null, parseJsonBody(body as string, charsetOf(request.headers)));
      } catch (err) {
        done(err as Error, undefined);
      }
    },
  );
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null));
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

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The path (`location.__proto__`) of the first key in `value` that names a prototype, or null.
 * Iterative; meant for bodies already bounded by MAX_BODY_DEPTH.
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
