import { Inject, Injectable, Logger } from '@nestjs/common';
import { DeadlinesConfig, deadlinesConfig } from '@app/config';
import { OutboxWriter, PeriodicTask } from '@app/dispatch';
import { NotificationsRepository } from './notifications.repository';

/**
 * The housekeeper's periodic check for what no event announces: an urgent lead still unclaimed after
 * URGENT_CLAIM_MINUTES, a decision deadline near or missed. Each finding is recorded once, so
 * any number of housekeepers may run it.
 */
@Injectable()
export class NotificationChecker extends PeriodicTask {
  protected readonly logger = new Logger(NotificationChecker.name);

  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly outbox: OutboxWriter,
    @Inject(deadlinesConfig.KEY) private readonly settings: DeadlinesConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.settings.checkIntervalMs;
  }

  protected async tick(): Promise<unknown> {
    const n = await this.notifications.queueDueChecks({
      urgentClaimMs: this.settings.urgentClaimMs,
      nearMs: this.settings.nearMs,
    });
    if (n > 0) {
      this.outbox.committed();
      this.logger.log({ msg: 'notifications due', count: n });
    }
    return n;
  }
}
