import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { describeError } from '@app/dispatch';
import { RetentionService } from './retention.service';

/** Runs the retention purge every RETENTION_INTERVAL_MS (in the relay). */
@Injectable()
export class RetentionScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionScheduler.name);
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<unknown> | null = null;

  constructor(
    private readonly retention: RetentionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.pass) return;
      this.pass = this.retention
        .purgeDue()
        .then((n) => n > 0 && this.logger.log({ msg: 'tipster data purged', count: n }))
        .catch((err) =>
          this.logger.warn({ msg: 'retention pass failed', error: describeError(err) }),
        )
        .finally(() => (this.pass = null));
    }, this.config.retention.intervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.pass;
  }
}
