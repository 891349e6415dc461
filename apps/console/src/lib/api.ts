import { clearSession, readSession } from './session';

/** The API's one error shape: `{statusCode, error, message, errors?}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Messages per field, dotted for nested ones (`tipster.phone`). */
    readonly fields: Record<string, string[]> = {},
    /** What the answer flagged: `mfaRequired`, `mustChangePassword`, `mfaEnrolmentRequired`. */
    readonly flags: Record<string, boolean> = {},
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

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Public routes send no token. */
  anonymous?: boolean;
}

export function errorFrom(status: number, body: unknown): ApiError {
  const b = (body ?? {}) as { message?: unknown; errors?: unknown };
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
  const flags: Record<string, boolean> = {};
  for (const k of ['mfaRequired', 'mustChangePassword', 'mfaEnrolmentRequired']) {
    if ((b as Record<string, unknown>)[k] === true) flags[k] = true;
  }
  return new ApiError(status, message, fields, flags);
}

/** One JSON call to this origin's API; 204 gives `null`. */
export async function api<T>(method: string, path: string, opts: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  const session = opts.anonymous ? null : readSession();
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network');
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (res.status === 401 && session) {
    clearSession();
    for (const fn of expiredListeners) fn();
  }
  if (!res.ok) throw errorFrom(res.status, body);
  return body as T;
}

/** A key for Idempotency-Key headers (works outside secure contexts too). */
export function newKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Query string from the set values only. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
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
