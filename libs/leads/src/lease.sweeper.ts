import { Inject, Injectable, Logger } from '@nestjs/common';
import { LeadsConfig, leadsConfig } from '@app/config';
import { PeriodicTask } from '@app/dispatch';
import { ClaimLeadService } from './claim-lead.service';

/**
 * Returns leads whose lease ran out to the queue, with a `lease_expired` event on their tips, and
 * keeps the claim queue ranked: stores the age points of the open leads whose points went up
 * (or that were never ranked). Its first pass ranks every open lead whose stored rank differs
 * from what the ageing settings give, so changed settings take effect at the next start.
 */
@Injectable()
export class LeaseSweeper extends PeriodicTask {
  protected readonly logger = new Logger(LeaseSweeper.name);
  private rankedAll = false;

  constructor(
    private readonly claims: ClaimLeadService,
    @Inject(leadsConfig.KEY) private readonly settings: LeadsConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.settings.sweepIntervalMs;
  }

  protected async tick(): Promise<unknown> {
    const n = await this.claims.expireLeases();
    if (n > 0) this.logger.log({ msg: 'leases expired', count: n });
    if (!this.rankedAll) {
      const all = await this.claims.rankAll();
      this.rankedAll = true;
      if (all > 0) this.logger.log({ msg: 'leads ranked', count: all });
    }
    return this.claims.rankDue();
  }
}
