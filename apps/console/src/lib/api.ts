import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './api-schema';
import type { FieldCode } from './field-messages';
import { clearSession, readSession } from './session';

/** The API's one error shape: `{statusCode, error, message, errors?, codes?}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Messages per field, dotted for nested ones (`tipster.phone`). */
    readonly fields: Record<string, string[]> = {},
    /** What the answer flagged: `mfaRequired`, `mustChangePassword`, `mfaEnrolmentRequired`. */
    readonly flags: Record<string, boolean> = {},
    /** The rule behind each of `fields`' messages, in the same order (`isLength` with 3, 500). */
    readonly codes: Record<string, FieldCode[]> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Listener = () => void;
const expiredListeners = new Set<Listener>();

/** Called when a logged-in call answers 401: the token ran out or the account changed. */
export function onSessionExpired(fn: Listener): () => void {
  expiredListeners.add(fn);
  return () => expiredListeners.delete(fn);
}

export function errorFrom(status: number, body: unknown): ApiError {
  const b = (body ?? {}) as { message?: unknown; errors?: unknown; codes?: unknown };
  const message = Array.isArray(b.message)
    ? b.message.map(String).join('; ')
    : typeof b.message === 'string'
      ? b.message
      : `HTTP ${status}`;
  const fields: Record<string, string[]> = {};
  if (b.errors && typeof b.errors === 'object') {
    for (const [k, v] of Object.entries(b.errors as Record<string, unknown>)) {
      fields[k] = Array.isArray(v) ? v.map(String) : [String(v)];
    }
  }
  const codes: Record<string, FieldCode[]> = {};
  if (b.codes && typeof b.codes === 'object') {
    for (const [k, v] of Object.entries(b.codes as Record<string, unknown>)) {
      if (!Array.isArray(v)) continue;
      codes[k] = v.map((c: unknown) => {
        const o = (c ?? {}) as { code?: unknown; args?: unknown };
        const args = Array.isArray(o.args) ? o.args.filter((a) => typeof a === 'number') : [];
        const code = typeof o.code === 'string' ? o.code : '';
        return { code, ...(args.length ? { args } : {}) };
      });
    }
  }
  const flags: Record<string, boolean> = {};
  for (const k of ['mfaRequired', 'mustChangePassword', 'mfaEnrolmentRequired']) {
    if ((b as Record<string, unknown>)[k] === true) flags[k] = true;
  }
  return new ApiError(status, message, fields, flags, codes);
}

/** The API's schemas, generated from its OpenAPI document (lib/api-schema.d.ts). */
export type Schemas = components['schemas'];

// Routes that take no token: the login, the citizens' channel, the reference lists.
const ANONYMOUS = /^\/api\/(auth\/login|public\/|reference$)/;

const auth: Middleware = {
  onRequest({ request, schemaPath }) {
    request.headers.set('accept', 'application/json');
    const session = ANONYMOUS.test(schemaPath) ? null : readSession();
    if (session) request.headers.set('authorization', `Bearer ${session.token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('authorization')) {
      clearSession();
      for (const fn of expiredListeners) fn();
    }
    return response;
  },
};

/** This origin's API, typed by its OpenAPI document. */
export const client = createClient<paths>({
  baseUrl: '',
  credentials: 'omit',
  cache: 'no-store',
});
client.use(auth);

type Answer<T> = { data?: T; error?: unknown; response: Response };

/**
 * The data of a call through `client`, or an ApiError (the form shows its field messages);
 * 204 gives `null`.
 */
export async function call<T>(request: Promise<Answer<T>>): Promise<NonNullable<T> | null> {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch {
    throw new ApiError(0, 'network');
  }
  if (!answer.response.ok) throw errorFrom(answer.response.status, answer.error);
  return answer.response.status === 204 ? null : (answer.data ?? null);
}

/** As `call`, for a route that always answers a body. */
export async function get<T>(request: Promise<Answer<T>>): Promise<NonNullable<T>> {
  const data = await call(request);
  if (data === null) throw new ApiError(0, 'empty answer');
  return data;
}

/** A key for Idempotency-Key headers (works outside secure contexts too). */
export function newKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Waits for `call`, then runs `refresh` when it succeeded or answered 409 (the data had moved on:
 * the page should show where it is now); other failures are left for the form to show.
 */
export async function thenRefresh<T>(call: Promise<T>, refresh: () => void): Promise<T> {
  try {
    const r = await call;
    refresh();
    return r;
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) refresh();
    throw err;
  }
}
