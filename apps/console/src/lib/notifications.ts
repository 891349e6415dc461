import { useEffect, useRef, useState } from 'react';
import { call, client, get } from './api';
import type { NotificationView } from './types';

export interface FeedState {
  items: NotificationView[];
  unreadCount: number;
  /** The live stream is open (otherwise the list is only as fresh as its last load). */
  live: boolean;
}

type Listener = (s: FeedState) => void;
type ArrivalListener = (n: NotificationView) => void;

const LIST_SIZE = 30;
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 30_000;

/**
 * The signed-in person's notifications: the list from GET /api/notifications, kept live by the
 * server-sent events of GET /api/notifications/stream. The stream is read with fetch so that the
 * token travels in the Authorization header, never in a URL (EventSource cannot send headers).
 * One feed per tab, shared by every component that shows or reacts to notifications.
 */
class NotificationFeed {
  private state: FeedState = { items: [], unreadCount: 0, live: false };
  private readonly listeners = new Set<Listener>();
  private readonly arrivals = new Set<ArrivalListener>();
  private token: string | null = null;
  private abort: AbortController | null = null;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  get current(): FeedState {
    return this.state;
  }

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  onArrival(fn: ArrivalListener): () => void {
    this.arrivals.add(fn);
    return () => this.arrivals.delete(fn);
  }

  /** Starts (or keeps) the feed for `token`; another token restarts it. */
  start(token: string): void {
    if (this.token === token) return;
    this.stop();
    this.token = token;
    this.retryMs = RETRY_MIN_MS;
    void this.reload();
    void this.connect(token);
  }

  stop(): void {
    this.token = null;
    this.abort?.abort();
    this.abort = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.set({ items: [], unreadCount: 0, live: false });
  }

  async reload(): Promise<void> {
    const token = this.token;
    try {
      const page = await get(
        client.GET('/api/notifications', { params: { query: { limit: LIST_SIZE } } }),
      );
      if (token !== this.token) return;
      this.set({ ...this.state, items: page.items, unreadCount: page.unreadCount });
    } catch {
      // The badge keeps what it showed; the next event or reconnect reloads.
    }
  }

  async markRead(id: string): Promise<void> {
    const n = this.state.items.find((x) => x.id === id);
    if (!n || n.read) return;
    await call(client.POST('/api/notifications/{id}/read', { params: { path: { id } } }));
    this.set({
      ...this.state,
      items: this.state.items.map((x) => (x.id === id ? { ...x, read: true } : x)),
      unreadCount: Math.max(0, this.state.unreadCount - 1),
    });
  }

  private set(s: FeedState): void {
    this.state = s;
    for (const fn of this.listeners) fn(s);
  }

  private arrived(n: NotificationView): void {
    if (this.state.items.some((x) => x.id === n.id)) return;
    this.set({
      ...this.state,
      items: [n, ...this.state.items].slice(0, LIST_SIZE),
      unreadCount: this.state.unreadCount + 1,
    });
    for (const fn of this.arrivals) fn(n);
  }

  private async connect(token: string): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    let status = 0;
    let ended = false;
    try {
      const res = await fetch('/api/notifications/stream', {
        headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
        credentials: 'omit',
        cache: 'no-store',
        signal: abort.signal,
      });
      status = res.status;
      if (res.ok && res.body) {
        await this.read(res.body, token);
        // A stream that had opened (`ready`) and then ended: the server's regular end.
        ended = this.state.live;
      }
    } catch {
      // dropped: retried below
    }
    if (this.token !== token || abort.signal.aborted) return;
    if (!ended) this.set({ ...this.state, live: false });
    // 401/403: the session ended; the app sends the person to the login page.
    if (status === 401 || status === 403) return;
    // The server ends each stream after a while (to authorise the next): reopen it at once;
    // after a failure, wait longer each time.
    const wait = ended ? 0 : this.retryMs;
    if (!ended) this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
    this.retryTimer = setTimeout(() => void this.connect(token), wait);
  }

  /** Parses `event:`/`data:` blocks separated by a blank line. */
  private async read(body: ReadableStream<Uint8Array>, token: string): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done || this.token !== token) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let type = 'message';
        let data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) type = line.slice(6).trim();
          else if (line.startsWith('data:')) data += line.slice(5).trim();
        }
        if (type === 'ready') {
          // Live from here on; what came while the stream was closed is in the list.
          this.retryMs = RETRY_MIN_MS;
          this.set({ ...this.state, live: true });
          void this.reload();
        } else if (type === 'notification' && data) {
          try {
            this.arrived(JSON.parse(data) as NotificationView);
          } catch {
            // not ours
          }
        }
      }
    }
  }
}

export const notificationFeed = new NotificationFeed();

/** The feed's state, re-rendered on every change. */
export function useNotificationFeed(): FeedState {
  const [state, setState] = useState(notificationFeed.current);
  useEffect(() => notificationFeed.subscribe(setState), []);
  return state;
}

/**
 * Calls `fn` when a notification of one of `types` arrives live (e.g. to reload a list at once
 * instead of waiting for its next poll).
 */
export function useNotificationArrivals(
  types: NotificationView['type'][],
  fn: (n: NotificationView) => void,
): void {
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const key = types.join(',');
  useEffect(
    () =>
      notificationFeed.onArrival((n) => {
        if (key.split(',').includes(n.type)) fnRef.current(n);
      }),
    [key],
  );
}
