import { Inject, Injectable, Logger } from '@nestjs/common';
import { LeadsConfig, leadsConfig } from '@app/config';
import { PeriodicTask } from '@app/dispatch';
import { ClaimLeadService } from './claim-lead.service';

/** Returns leads whose lease ran out to the queue, with a `lease_expired` event on their tips. */
@Injectable()
export class LeaseSweeper extends PeriodicTask {
  protected readonly logger = new Logger(LeaseSweeper.name);

  constructor(
    private readonly claims: ClaimLeadService,
    @Inject(leadsConfig.KEY) private readonly settings: LeadsConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.settings.sweepIntervalMs;
  }

  protected tick(): Promise<unknown> {
    return this.claims
      .expireLeases()
      .then((n) => n > 0 && this.logger.log({ msg: 'leases expired', count: n }));
  }
}
