export * from './dto/notification.dto';
export * from './notification-delivery.service';
export * from './notification-query.service';
export * from './notification-stream.service';
export * from './notification.checker';
export * from './notifications.module';
export * from './notifications.repository';
