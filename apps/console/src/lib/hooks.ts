import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './api';
import { readSession } from './session';
import type { Reference, UserView } from './types';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads `load()` now, whenever `deps` change and every `everyMs` (when given); keeps the last data
 * while reloading, and ignores answers that arrive after a newer request.
 */
export function useLoad<T>(
  load: (() => Promise<T>) | null,
  deps: unknown[],
  everyMs?: number,
): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const fn = loadRef.current;
    if (!fn) return;
    const mine = ++seq.current;
    setLoading(true);
    fn().then(
      (d) => {
        if (mine !== seq.current) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setError(e instanceof ApiError ? e : new ApiError(0, String(e)));
        setLoading(false);
      },
    );
  }, [...deps, tick]);

  useEffect(() => {
    if (!everyMs) return;
    const t = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

let referenceCache: Promise<Reference> | null = null;

/** GET /api/reference once per page load: wards, categories, channels, case kinds, severities. */
export function useReference(): Reference | null {
  const [ref, setRef] = useState<Reference | null>(null);
  useEffect(() => {
    referenceCache ??= api<Reference>('GET', '/api/reference', { anonymous: true });
    referenceCache.then(setRef, () => {
      referenceCache = null;
    });
  }, []);
  return ref;
}

/** The current time, ticking every `ms`. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

let meCache: { token: string; user: Promise<UserView> } | null = null;

/** GET /api/users/me once per login: the caller's id (to know whose lead it is). */
export function useMe(): UserView | null {
  const [me, setMe] = useState<UserView | null>(null);
  useEffect(() => {
    const token = readSession()?.token;
    if (!token) return;
    if (meCache?.token !== token) {
      meCache = { token, user: api<UserView>('GET', '/api/users/me') };
    }
    let live = true;
    meCache.user.then(
      (u) => live && setMe(u),
      () => {
        meCache = null;
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return me;
}
