import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { NotificationType } from '@app/contracts';

/** A notification as its recipient sees it: ids and what happened, never a tip's text. */
export interface NotificationView {
  id: string;
  type: NotificationType;
  at: string;
  entityType: 'lead' | 'tip';
  entityId: string;
  read: boolean;
}

export interface NotificationPage {
  items: NotificationView[];
  nextCursor: string | null;
  /** The caller's unread notifications, all of them (for the bell). */
  unreadCount: number;
}

export class ListNotificationsQuery {
  /** `true`: only unread; `false`: only read; absent: all. */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'unread must be true or false' })
  unread?: 'true' | 'false';

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must be 1 to 100' })
  @Max(100, { message: 'limit must be 1 to 100' })
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
