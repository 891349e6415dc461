import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/config';
import { DomainError } from '@app/contracts';
import { returningRows } from '@app/database';
import { TipsRepository } from '@app/tips';
import type { ClaimLeadDto, LeadView } from './dto/lead.dto';
import { moveLeadTips } from './lead-tips';
import { EFFECTIVE_PRIORITY, LeadRow, LeadsRepository } from './leads.repository';

export interface Claimer {
  id: string;
  username: string;
  role: string;
}

/**
 * Hands out leads on a lease. The candidate row is taken with FOR UPDATE SKIP LOCKED inside the
 * UPDATE, so concurrent claimers — on any number of API replicas — never get the same lead.
 */
@Injectable()
export class ClaimLeadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly leads: LeadsRepository,
    private readonly tips: TipsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get age() {
    return { points: this.config.leads.agePointsPerHour, cap: this.config.leads.ageCap };
  }

  async claim(dto: ClaimLeadDto, user: Claimer): Promise<LeadView | null> {
    return this.dataSource.transaction(async (m) => {
      const order = EFFECTIVE_PRIORITY.replace('$AGECAP', '$4').replace('$AGEPTS', '$5');
      const rows = await returningRows<LeadRow & { previous_claimer: string | null }>(
        m,
        `WITH next AS (
           SELECT id, claimed_by AS previous_claimer FROM leads
           WHERE (stage = 'open' OR (stage = 'claimed' AND lease_expires_at <= now()))
             AND ($1::text[] IS NULL OR ward = ANY($1))
             AND ($2::text[] IS NULL OR category = ANY($2))
           ORDER BY ${order} DESC, opened_at, id
           LIMIT 1 FOR UPDATE SKIP LOCKED
         )
         UPDATE leads l SET stage = 'claimed', claimed_by = $3, claimed_at = now(),
           lease_expires_at = now() + make_interval(secs => $6), updated_at = now()
         FROM next WHERE l.id = next.id
         RETURNING l.*, next.previous_claimer, ${order.replace(/priority|opened_at/g, 'l.$&')} AS effective_priority`,
        [
          dto.wards?.length ? dto.wards : null,
          dto.categories?.length ? dto.categories : null,
          user.id,
          this.age.cap,
          this.age.points,
          this.config.leads.leaseMs / 1000,
        ],
      );
      const lead = rows[0];
      if (!lead) return null;
      if (lead.previous_claimer) {
        await moveLeadTips(m, this.tips, lead, {
          stage: 'lead_open',
          stamp: null,
          event: 'lease_expired',
          actor: null,
          detail: { claimedBy: lead.previous_claimer },
        });
      }
      await moveLeadTips(m, this.tips, lead, {
        stage: 'lead_claimed',
        stamp: 'claimed_at',
        event: 'claimed',
        actor: user.username,
        role: user.role,
        detail: { leaseExpiresAt: lead.lease_expires_at?.toISOString() },
      });
      const [view] = await this.leads.views(m, [lead], this.age);
      return view;
    });
  }

  async renew(leadId: string, user: Claimer): Promise<LeadView> {
    return this.dataSource.transaction(async (m) => {
      const lead = await this.heldBy(m, leadId, user, false);
      const rows = await returningRows<LeadRow>(
        m,
        `UPDATE leads SET lease_expires_at = now() + make_interval(secs => $2), updated_at = now()
         WHERE id = $1 RETURNING *`,
        [lead.id, this.config.leads.leaseMs / 1000],
      );
      const [view] = await this.leads.views(m, rows, this.age);
      return view;
    });
  }

  /** The claimer gives the lead back; a supervisor may break anyone's lease. */
  async release(leadId: string, user: Claimer): Promise<LeadView> {
    return this.dataSource.transaction(async (m) => {
      const lead = await this.heldBy(m, leadId, user, true);
      const rows = await returningRows<LeadRow>(
        m,
        `UPDATE leads SET stage = 'open', claimed_by = NULL, claimed_at = NULL,
           lease_expires_at = NULL, updated_at = now() WHERE id = $1 RETURNING *`,
        [lead.id],
      );
      await moveLeadTips(m, this.tips, lead, {
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
      const rows = await returningRows<LeadRow & { previous_claimer: string }>(
        m,
        `WITH lapsed AS (
           SELECT id, claimed_by FROM leads WHERE stage = 'claimed' AND lease_expires_at <= now()
           ORDER BY lease_expires_at LIMIT $1 FOR UPDATE SKIP LOCKED
         )
         UPDATE leads l SET stage = 'open', claimed_by = NULL, claimed_at = NULL,
           lease_expires_at = NULL, updated_at = now()
         FROM lapsed WHERE l.id = lapsed.id
         RETURNING l.*, lapsed.claimed_by AS previous_claimer`,
        [limit],
      );
      for (const lead of rows) {
        await moveLeadTips(m, this.tips, lead, {
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
    const live =
      lead.stage === 'claimed' &&
      lead.lease_expires_at !== null &&
      lead.lease_expires_at > new Date();
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
