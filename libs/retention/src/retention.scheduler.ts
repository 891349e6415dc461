import { Inject, Injectable, Logger } from '@nestjs/common';
import { RetentionConfig, retentionConfig } from '@app/config';
import { PeriodicTask } from '@app/dispatch';
import { RetentionService } from './retention.service';

/** Runs the retention purge every RETENTION_INTERVAL_MS (in the housekeeper). */
@Injectable()
export class RetentionScheduler extends PeriodicTask {
  protected readonly logger = new Logger(RetentionScheduler.name);

  constructor(
    private readonly retention: RetentionService,
    @Inject(retentionConfig.KEY) private readonly settings: RetentionConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.settings.intervalMs;
  }

  protected tick(): Promise<unknown> {
    return this.retention
      .purgeDue()
      .then((n) => n > 0 && this.logger.log({ msg: 'tipster data purged', count: n }));
  }
}
