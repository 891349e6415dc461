import { Injectable } from '@nestjs/common';
import type { NotificationJob } from '@app/contracts';
import type { StageOutcome } from '@app/dispatch';
import { NotificationsRepository } from './notifications.repository';

/** The consumer's one step: notify the people concerned by the event, once each. */
@Injectable()
export class NotificationDeliveryService {
  constructor(private readonly notifications: NotificationsRepository) {}

  async deliver(job: NotificationJob): Promise<StageOutcome> {
    return (await this.notifications.deliver(job)) > 0 ? 'done' : 'skipped';
  }
}
