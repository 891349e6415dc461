import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LeadsConfig, leadsConfig } from '@app/config';
import { DomainError } from '@app/contracts';
import type { ClaimLeadDto, LeadView } from './dto/lead.dto';
import { Ageing, LeadRow, LeadsRepository, leaseIsLive } from './leads.repository';

export interface Claimer {
  id: string;
  username: string;
  role: string;
}

/**
 * How many leads a claim may find unranked before it ranks them itself (after answering): a
 * claim reads every unranked lead, so their number is kept small between the housekeeper's
 * passes even while leads open faster than it ranks them.
 */
const RANK_AFTER_UNRANKED = 32;

/**
 * Hands out leads on a lease. The claim is one statement (LeadsRepository.claim): the lead is
 * taken with FOR UPDATE SKIP LOCKED, so concurrent claimers — on any number of API replicas —
 * never get the same lead.
 */
@Injectable()
export class ClaimLeadService {
  private readonly logger = new Logger(ClaimLeadService.name);
  private ranking: Promise<unknown> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly leads: LeadsRepository,
    @Inject(leadsConfig.KEY) private readonly settings: LeadsConfig,
  ) {}

  get age(): Ageing {
    return { points: this.settings.agePointsPerHour, cap: this.settings.ageCap };
  }

  async claim(dto: ClaimLeadDto, user: Claimer): Promise<LeadView | null> {
    const { lead, unranked } = await this.dataSource.transaction(async (m) => {
      const claimed = await this.leads.claim(m, {
        wards: dto.wards?.length ? dto.wards : null,
        categories: dto.categories?.length ? dto.categories : null,
        claimer: user,
        leaseExpiresAt: new Date(Date.now() + this.settings.leaseMs),
        age: this.age,
      });
      const l = claimed.lead;
      if (l?.previous_claimer) {
        // A lapsed lease: the lead's tips go back to the queue from the claimer who let it
        // lapse, then to the new claimer.
        await this.leads.moveTips(m, l, {
          stage: 'lead_open',
          stamp: null,
          event: 'lease_expired',
          actor: null,
          detail: { claimedBy: l.previous_claimer },
        });
        l.tip_ids = await this.leads.moveTips(m, l, {
          stage: 'lead_claimed',
          stamp: 'claimed_at',
          event: 'claimed',
          actor: user.username,
          role: user.role,
          detail: { leaseExpiresAt: l.lease_expires_at?.toISOString() },
        });
      }
      return claimed;
    });
    if (unranked >= RANK_AFTER_UNRANKED) this.rankSoon();
    if (!lead) return null;
    // The suggestions are refreshed once the lead is the claimer's (the claim holds no lock
    // while cases are searched).
    const m = this.dataSource.manager;
    const [live] = await this.leads.withLiveSuggestions(m, [lead], true);
    const [view] = await this.leads.views(m, [live], this.age, new Map([[lead.id, lead.tip_ids]]));
    return view;
  }

  /** Ranks the leads whose ranking is due; one pass at a time per process. */
  rankSoon(): void {
    if (this.ranking) return;
    this.ranking = this.rankDue()
      .catch((err: unknown) =>
        this.logger.warn({ msg: 'ranking leads failed', error: (err as Error).message }),
      )
      .finally(() => (this.ranking = null));
  }

  /** Ranks every lead whose ranking is due; returns how many. */
  async rankDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.leads.rankDue(this.dataSource.manager, this.age, 500);
      total += n;
      if (n < 500) return total;
    }
  }

  /** Ranks every open lead afresh where its stored rank differs (the ageing settings changed). */
  rankAll(): Promise<number> {
    return this.leads.rankAll(this.dataSource.manager, this.age);
  }

  async renew(leadId: string, user: Claimer): Promise<LeadView> {
    return this.dataSource.transaction(async (m) => {
      const lead = await this.heldBy(m, leadId, user, false);
      const rows = await this.leads.renew(m, lead.id, this.settings.leaseMs / 1000);
      const [view] = await this.leads.views(m, rows, this.age);
      return view;
    });
  }

  /** The claimer gives the lead back; a supervisor may break anyone's lease. */
  async release(leadId: string, user: Claimer): Promise<LeadView> {
    return this.dataSource.transaction(async (m) => {
      const lead = await this.heldBy(m, leadId, user, true);
      const rows = await this.leads.release(m, lead.id);
      await this.leads.moveTips(m, lead, {
        stage: 'lead_open',
        stamp: null,
        event: 'released',
        actor: user.username,
        role: user.role,
        detail: lead.claimed_by !== user.id ? { brokenLease: true } : {},
      });
      const [view] = await this.leads.views(m, rows, this.age);
      return view;
    });
  }

  /** Returns leases that ran out to the queue; returns how many. */
  async expireLeases(limit = 500): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows = await this.leads.expireLeases(m, limit);
      for (const lead of rows) {
        await this.leads.moveTips(m, lead, {
          stage: 'lead_open',
          stamp: null,
          event: 'lease_expired',
          actor: null,
          detail: { claimedBy: lead.previous_claimer },
        });
      }
      return rows.length;
    });
  }

  /**
   * The lead, locked, if `user` may act on it: its current, unexpired claimer, or (when
   * `supervisorMay`) a supervisor. Otherwise 404 or 409.
   */
  async heldBy(
    m: EntityManager,
    leadId: string,
    user: Claimer,
    supervisorMay: boolean,
  ): Promise<LeadRow> {
    const lead = await this.leads.lock(m, leadId);
    if (!lead) throw new DomainError('not_found', 'lead not found');
    const live = leaseIsLive(lead);
    if (
      supervisorMay &&
      user.role === 'supervisor' &&
      (live || lead.stage === 'open' || lead.stage === 'claimed')
    ) {
      return lead;
    }
    if (!live)
      throw new DomainError(
        'conflict',
        `lead is ${lead.stage === 'claimed' ? 'no longer claimed (lease expired)' : lead.stage}`,
      );
    if (lead.claimed_by !== user.id)
      throw new DomainError('conflict', 'lead is claimed by someone else');
    return lead;
  }
}
