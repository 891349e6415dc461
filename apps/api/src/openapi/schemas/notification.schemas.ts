import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { NOTIFICATION_TYPES } from '@app/contracts';
import type { NotificationType } from '@app/contracts';
import { COUNT, ID, TIME } from './common.schemas';

@ApiSchema({
  name: 'Notification',
  description: 'What happened to which lead or tip; never a tip’s text or its tipster.',
})
export class NotificationSchema {
  @ApiProperty(ID)
  id: string;

  @ApiProperty({ enum: NOTIFICATION_TYPES, enumName: 'NotificationType' })
  type: NotificationType;

  @ApiProperty(TIME)
  at: string;

  @ApiProperty({ enum: ['lead', 'tip'] })
  entityType: 'lead' | 'tip';

  @ApiProperty(ID)
  entityId: string;

  @ApiProperty()
  read: boolean;
}

@ApiSchema({ name: 'NotificationPage' })
export class NotificationPageSchema {
  @ApiProperty({ type: () => [NotificationSchema] })
  items: NotificationSchema[];

  @ApiProperty({ type: String, nullable: true, description: 'Null on the last page.' })
  nextCursor: string | null;

  @ApiProperty({ ...COUNT, description: 'All of the caller’s unread notifications.' })
  unreadCount: number;
}
