import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { OutboxWriter } from '@app/dispatch';
import { NotificationChecker } from './notification.checker';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationQueryService } from './notification-query.service';
import { NotificationStreamService } from './notification-stream.service';
import { NotificationsRepository } from './notifications.repository';

/** The consumer side: turns recorded events into notifications (a worker). */
@Module({
  imports: [AuditModule],
  providers: [NotificationsRepository, NotificationDeliveryService],
  exports: [NotificationDeliveryService],
})
export class NotificationDeliveryModule {}

/** The housekeeper's periodic check for urgent leads left unclaimed and deadlines near or missed. */
@Module({
  imports: [AuditModule],
  providers: [NotificationsRepository, NotificationChecker, OutboxWriter],
})
export class NotificationChecksModule {}

/** The API side: a person's list, marking read, and the live stream. */
@Module({
  imports: [AuditModule],
  providers: [NotificationsRepository, NotificationQueryService, NotificationStreamService],
  exports: [NotificationQueryService, NotificationStreamService],
})
export class NotificationsModule {}
