import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/contracts';
import type {
  ListNotificationsQuery,
  NotificationPage,
  NotificationView,
} from './dto/notification.dto';
import { NotificationRow, NotificationsRepository } from './notifications.repository';

export function toNotificationView(r: NotificationRow): NotificationView {
  return {
    id: r.id,
    type: r.type,
    at: r.created_at.toISOString(),
    entityType: r.entity_type,
    entityId: r.entity_id,
    read: r.read_at !== null,
  };
}

function encodeCursor(r: NotificationRow): string {
  return Buffer.from(`${r.created_at.toISOString()}|${r.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || !Number.isFinite(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new DomainError('invalid', 'cursor is not valid', {
      cursor: ['cursor must be a nextCursor value returned by this list'],
    });
  }
  return { at, id };
}

/** A person's own notifications: listed newest first, marked read one by one. */
@Injectable()
export class NotificationQueryService {
  constructor(private readonly notifications: NotificationsRepository) {}

  async list(userId: string, q: ListNotificationsQuery): Promise<NotificationPage> {
    const limit = q.limit ?? 50;
    const [rows, unreadCount] = await Promise.all([
      this.notifications.list(userId, {
        unread: q.unread === undefined ? undefined : q.unread === 'true',
        after: q.cursor ? decodeCursor(q.cursor) : undefined,
        limit: limit + 1,
      }),
      this.notifications.countUnread(userId),
    ]);
    const page = rows.slice(0, limit);
    return {
      items: page.map(toNotificationView),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]) : null,
      unreadCount,
    };
  }

  /** 404 for another person's notification, as for an unknown one. */
  async markRead(id: string, user: { id: string; username: string; role: string }): Promise<void> {
    if (!(await this.notifications.markRead(id, user))) {
      throw new DomainError('not_found', 'notification not found');
    }
  }
}
