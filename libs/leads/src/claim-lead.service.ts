import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LeadsConfig, leadsConfig } from '@app/config';
import { DomainError } from '@app/contracts';
import { BatchResults, MicroBatcher } from '@app/dispatch';
import type { ClaimLeadDto, LeadView } from './dto/lead.dto';
import { Ageing, ClaimedLead, LeadRow, LeadsRepository, leaseIsLive } from './leads.repository';

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

/** The most claims one statement takes, and how many such statements run at once. */
const CLAIMS_AT_ONCE_MAX = 64;
const CLAIM_BATCHES_AT_ONCE = 2;

/** A claim waiting for the next batch. */
interface PendingClaim {
  wards: string[] | null;
  categories: string[] | null;
  user: Claimer;
}

/**
 * Hands out leads on a lease. The claim is one statement (LeadsRepository.claim): the lead is
 * taken with FOR UPDATE SKIP LOCKED, so concurrent claimers — on any number of API replicas —
 * never get the same lead.
 *
 * Claims that arrive together share that statement and its commit (MicroBatcher: the claims of
 * one turn of the event loop, and those arriving while every batch slot is busy, go together;
 * alone, a claim goes at once). Within a batch, the claims with the same filters take the next
 * leads in claim order, the first to arrive the first lead; each claimer gets its own lead, its
 * tips' `claimed` events and audit entries in its own name, and its own answer. A batch that
 * fails is run again one claim at a time, so an error stays with its claim.
 */
@Injectable()
export class ClaimLeadService {
  private readonly logger = new Logger(ClaimLeadService.name);
  private ranking: Promise<unknown> | null = null;
  private readonly pending = new Map<string, PendingClaim>();
  private nextKey = 0;
  private readonly batcher = new MicroBatcher<LeadView | null>((keys) => this.claimBatch(keys), {
    maxBatch: CLAIMS_AT_ONCE_MAX,
    maxConcurrent: CLAIM_BATCHES_AT_ONCE,
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly leads: LeadsRepository,
    @Inject(leadsConfig.KEY) private readonly settings: LeadsConfig,
  ) {}

  get age(): Ageing {
    return { points: this.settings.agePointsPerHour, cap: this.settings.ageCap };
  }

  /** The next lead in claim order, now the caller's; null when none matches. */
  async claim(dto: ClaimLeadDto, user: Claimer): Promise<LeadView | null> {
    const key = String(this.nextKey++);
    this.pending.set(key, {
      wards: dto.wards?.length ? dto.wards : null,
      categories: dto.categories?.length ? dto.categories : null,
      user: { id: user.id, username: user.username, role: user.role },
    });
    try {
      return await this.batcher.submit(key);
    } finally {
      this.pending.delete(key);
    }
  }

  /**
   * The claims of `keys` in one transaction: one claim statement per set of filters (in the
   * order the claims arrived), the tips of lapsed leases moved, one commit. Then, with no lock
   * held, the leads' case suggestions are refreshed in one statement.
   */
  private async claimBatch(keys: string[]): Promise<BatchResults<LeadView | null>> {
    const groups = new Map<string, { filter: PendingClaim; keys: string[] }>();
    for (const key of keys) {
      const c = this.pending.get(key)!;
      const id = JSON.stringify([c.wards, c.categories]);
      const group = groups.get(id) ?? { filter: c, keys: [] };
      group.keys.push(key);
      groups.set(id, group);
    }
    const leaseExpiresAt = new Date(Date.now() + this.settings.leaseMs);
    let unranked = 0;
    const taken = await this.dataSource.transaction(async (m) => {
      const out = new Map<string, ClaimedLead>();
      for (const { filter, keys: mine } of groups.values()) {
        const users = mine.map((k) => this.pending.get(k)!.user);
        const claimed = await this.leads.claim(m, {
          wards: filter.wards,
          categories: filter.categories,
          claimers: users,
          leaseExpiresAt,
          age: this.age,
        });
        unranked = Math.max(unranked, claimed.unranked);
        for (const [i, lead] of claimed.leads.entries()) {
          if (!lead) continue;
          if (lead.previous_claimer) await this.takeLapsed(m, lead, users[i]);
          out.set(mine[i], lead);
        }
      }
      return out;
    });
    if (unranked >= RANK_AFTER_UNRANKED) this.rankSoon();
    const results: BatchResults<LeadView | null> = new Map(keys.map((k) => [k, null]));
    if (taken.size === 0) return results;
    // The suggestions are refreshed once the leads are the claimers' (the claim holds no lock
    // while cases are searched). The claims are committed: should the refresh fail, each claimer
    // still gets its lead, with the suggestions it had.
    const leads = [...taken.values()];
    const m = this.dataSource.manager;
    let live: LeadRow[] = leads;
    try {
      live = await this.leads.withLiveSuggestions(m, leads, true);
    } catch (err) {
      this.logger.warn({
        msg: "refreshing claimed leads' suggestions failed",
        error: (err as Error).message,
      });
    }
    const views = await this.leads.views(
      m,
      live,
      this.age,
      new Map(leads.map((l) => [l.id, l.tip_ids])),
    );
    const byLead = new Map(views.map((v) => [v.id, v]));
    for (const [key, lead] of taken) results.set(key, byLead.get(lead.id)!);
    return results;
  }

  /**
   * A lapsed lease: the lead's tips go back to the queue from the claimer who let it lapse,
   * then to the new claimer.
   */
  private async takeLapsed(m: EntityManager, lead: ClaimedLead, user: Claimer): Promise<void> {
    await this.returnLapsed(m, lead);
    lead.tip_ids = await this.leads.moveTips(m, lead, {
      stage: 'lead_claimed',
      stamp: 'claimed_at',
      event: 'claimed',
      actor: user.username,
      role: user.role,
      detail: { leaseExpiresAt: lead.lease_expires_at?.toISOString() },
    });
  }

  /** A lapsed lease's tips back to the queue, from the claimer who let it lapse. */
  private async returnLapsed(
    m: EntityManager,
    lead: { id: string; origin_tip_id: string; previous_claimer: string | null },
  ): Promise<void> {
    await this.leads.moveTips(m, lead, {
      stage: 'lead_open',
      stamp: null,
      event: 'lease_expired',
      actor: null,
      detail: { claimedBy: lead.previous_claimer },
    });
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
        await this.returnLapsed(m, lead);
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
