import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Client } from 'pg';
import {
  filter,
  interval,
  map,
  merge,
  Observable,
  startWith,
  Subject,
  takeUntil,
  timer,
} from 'rxjs';
import { DatabaseConfig, databaseConfig } from '@app/config';
import { NOTIFICATION_TYPES, UUID_RE } from '@app/contracts';
import type { NotificationType } from '@app/contracts';
import { describeError } from '@app/dispatch';
import type { NotificationView } from './dto/notification.dto';
import { NOTIFICATIONS_CHANNEL } from './notifications.repository';

/** One event of the live stream, as Nest's server-sent events send it. */
export interface StreamEvent {
  /** `ready` first (the stream is live: reload the list), then notifications and keep-alives. */
  type: 'ready' | 'notification' | 'ping';
  data: NotificationView | Record<string, never>;
}

const RECONNECT_MS = 1000;
/** A comment-like keep-alive, so proxies do not close an idle stream. */
const PING_MS = 15_000;
/**
 * A stream ends after this long and the client opens a new one: the new request is
 * authenticated again, so a disabled account or an expired token stops receiving within the
 * 30 s in which its tokens stop working.
 */
export const STREAM_MAX_MS = 30_000;

/** Reads one announcement (ids only); null for anything malformed. */
function parseAnnouncement(
  payload: string | undefined,
): (NotificationView & { userId: string }) | null {
  try {
    const x = JSON.parse(payload ?? '') as Record<string, unknown>;
    if (
      typeof x.id !== 'string' ||
      !UUID_RE.test(x.id) ||
      typeof x.userId !== 'string' ||
      !UUID_RE.test(x.userId) ||
      typeof x.entityId !== 'string' ||
      !UUID_RE.test(x.entityId) ||
      !(NOTIFICATION_TYPES as readonly string[]).includes(x.type as string) ||
      (x.entityType !== 'lead' && x.entityType !== 'tip') ||
      typeof x.at !== 'string' ||
      !Number.isFinite(Date.parse(x.at))
    ) {
      return null;
    }
    return {
      id: x.id,
      userId: x.userId,
      type: x.type as NotificationType,
      at: new Date(x.at).toISOString(),
      entityType: x.entityType,
      entityId: x.entityId,
      read: false,
    };
  } catch {
    return null;
  }
}

/**
 * Live notifications for the API's streams: one LISTEN connection per API process on the
 * channel the consumer announces new rows on, so whichever replica holds a person's stream
 * receives that person's notifications. A lost connection is reopened; the list stays the
 * record (a client reloads it when its stream reconnects).
 */
@Injectable()
export class NotificationStreamService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationStreamService.name);
  private readonly events = new Subject<NotificationView & { userId: string }>();
  private listener: Client | null = null;
  private running = false;

  constructor(@Inject(databaseConfig.KEY) private readonly database: DatabaseConfig) {}

  onApplicationBootstrap(): void {
    this.running = true;
    void this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    this.events.complete();
    await this.listener?.end().catch(() => undefined);
  }

  /** The notifications of `userId` as they are written, with keep-alives, for STREAM_MAX_MS. */
  stream(userId: string, maxMs = STREAM_MAX_MS): Observable<StreamEvent> {
    const mine = this.events.pipe(
      filter((e) => e.userId === userId),
      map(({ userId: _user, ...view }): StreamEvent => ({ type: 'notification', data: view })),
    );
    const pings = interval(PING_MS).pipe(map((): StreamEvent => ({ type: 'ping', data: {} })));
    return merge(mine, pings).pipe(
      startWith<StreamEvent>({ type: 'ready', data: {} }),
      takeUntil(timer(maxMs)),
    );
  }

  private async listen(): Promise<void> {
    if (!this.running) return;
    const client = new Client({ connectionString: this.database.url });
    client.on('error', (err) => {
      this.logger.warn({ msg: 'notification listener lost', error: describeError(err) });
      if (this.listener === client) this.listener = null;
      client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), RECONNECT_MS).unref();
    });
    client.on('notification', (msg) => {
      const e = parseAnnouncement(msg.payload);
      if (e) this.events.next(e);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFICATIONS_CHANNEL}`);
      this.listener = client;
    } catch (err) {
      this.logger.warn({ msg: 'notification listener unavailable', error: describeError(err) });
      client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), RECONNECT_MS).unref();
    }
  }
}
