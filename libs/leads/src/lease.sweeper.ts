import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { describeError } from '@app/dispatch';
import { ClaimLeadService } from './claim-lead.service';

/** Returns leads whose lease ran out to the queue, with a `lease_expired` event on their tips. */
@Injectable()
export class LeaseSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LeaseSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<unknown> | null = null;

  constructor(
    private readonly claims: ClaimLeadService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.pass) return;
      this.pass = this.claims
        .expireLeases()
        .then((n) => n > 0 && this.logger.log({ msg: 'leases expired', count: n }))
        .catch((err) => this.logger.warn({ msg: 'lease sweep failed', error: describeError(err) }))
        .finally(() => (this.pass = null));
    }, this.config.leads.sweepIntervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.pass;
  }
}
