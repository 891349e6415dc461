import { QueryClient, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ApiError, client, get } from './api';
import { readSession } from './session';
import type { Reference, UserView } from './types';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
  }
}

/**
 * The console's server state. A failed read is not retried on its own (the page shows the error
 * and the person decides), and a page's data is refetched when the window regains focus.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, staleTime: 0, refetchOnWindowFocus: true },
  },
});

/** GET /api/reference once per page load: wards, categories, channels, case kinds, severities. */
export function useReference(): Reference | null {
  const q = useQuery({
    queryKey: ['reference'],
    queryFn: () => get(client.GET('/api/reference')),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  return q.data ?? null;
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

/** GET /api/users/me once per login: the caller's id (to know whose lead it is). */
export function useMe(): UserView | null {
  const token = readSession()?.token;
  const q = useQuery({
    queryKey: ['me', token],
    queryFn: () => get(client.GET('/api/users/me')),
    enabled: !!token,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  return q.data ?? null;
}
