import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LeadsConfig, leadsConfig } from '@app/config';
import { DomainError } from '@app/contracts';
import { PREPARED, returningRows } from '@app/database';
import { TipsRepository } from '@app/tips';
import type { ClaimLeadDto, LeadView } from './dto/lead.dto';
import { moveLeadTips } from './lead-tips';
import { EFFECTIVE_PRIORITY, LeadRow, LeadsRepository, leaseIsLive } from './leads.repository';

export interface Claimer {
  id: string;
  username: string;
  role: string;
}

/** The claim's order (effective priority, then oldest, then id), with $4 = age cap, $5 = points. */
const ORDER = EFFECTIVE_PRIORITY.replace('$AGECAP', '$4').replace('$AGEPTS', '$5');
const order = (alias: string) => ORDER.replace(/priority|opened_at/g, `${alias}.$&`);
const CLAIMABLE = `(stage = 'open' OR (stage = 'claimed' AND lease_expires_at <= now()))`;
const FILTERS = `($1::text[] IS NULL OR ward = ANY($1)) AND ($2::text[] IS NULL OR category = ANY($2))`;

/** Takes the row `next` picked, on a lease for $3 of $6 seconds. */
const TAKE = `UPDATE leads l SET stage = 'claimed', claimed_by = $3, claimed_at = now(),
    lease_expires_at = now() + make_interval(secs => $6), updated_at = now()
  FROM next WHERE l.id = next.id
  RETURNING l.*, next.previous_claimer, ${order('l')} AS effective_priority`;

/**
 * The first claimable, unlocked lead in claim order, sorting every claimable lead. Urgent leads
 * (a threat to life) come before every other lead, whatever the others' age.
 */
const CLAIM_BY_FULL_SORT = `${PREPARED}WITH next AS (
    SELECT id, claimed_by AS previous_claimer FROM leads
    WHERE ${CLAIMABLE} AND ${FILTERS}
    ORDER BY urgent DESC, ${ORDER} DESC, opened_at, id
    LIMIT 1 FOR UPDATE SKIP LOCKED
  )
  ${TAKE}`;

/**
 * How many leads per priority, and how many priorities, the short read looks at. Claims only fail
 * over to the full sort when this many leads at the head of the queue are held at once.
 */
const QUEUE_DEPTH = 16;

/**
 * The same lead as CLAIM_BY_FULL_SORT, read through leads_open_queue_idx instead of sorting every
 * open lead. Within one priority, (opened_at, id) order is claim order (the age term never rises
 * as opened_at grows), so the queue is a merge of one ordered list per priority:
 * - levels: the distinct priorities of open leads (one index probe each);
 * - heads: the first lead of each priority that passes the filters;
 * - cand: the first $7 leads of each of the $7 priorities whose heads come first;
 * - bound: the earliest lead (in claim order) that some lead left out could be ahead of: the last
 *   lead of a list cut at $7, or the head of the first priority left out. Every lead not read
 *   comes after it, so candidates up to it are exactly the head of the whole queue;
 * - safe: those candidates, plus every lapsed lease (few: the sweeper returns them), plus every
 *   claimable urgent lead (few; read through leads_urgent_queue_idx), which come first.
 * The first of those that is still claimable and not locked is taken, as the full sort would.
 */
const CLAIM_FROM_QUEUE = `${PREPARED}WITH RECURSIVE levels(p) AS (
    (SELECT priority FROM leads WHERE stage = 'open' ORDER BY priority DESC LIMIT 1)
    UNION ALL
    SELECT (SELECT priority FROM leads WHERE stage = 'open' AND priority < levels.p
            ORDER BY priority DESC LIMIT 1)
    FROM levels WHERE levels.p IS NOT NULL
  ),
  heads AS (
    SELECT h.priority, h.opened_at, h.id, ${order('h')} AS e
    FROM levels CROSS JOIN LATERAL (
      SELECT priority, opened_at, id FROM leads
      WHERE stage = 'open' AND priority = levels.p AND ${FILTERS}
      ORDER BY opened_at, id LIMIT 1) h
  ),
  top_heads AS (
    SELECT priority, e, opened_at, id, row_number() OVER (ORDER BY e DESC, opened_at, id) AS k
    FROM heads ORDER BY e DESC, opened_at, id LIMIT $7::int + 1
  ),
  cand AS (
    SELECT c.id, c.opened_at, c.e, c.n FROM top_heads t CROSS JOIN LATERAL (
      SELECT x.id, x.opened_at, ${order('x')} AS e,
        row_number() OVER (ORDER BY x.opened_at, x.id) AS n
      FROM (SELECT id, priority, opened_at FROM leads
        WHERE stage = 'open' AND priority = t.priority AND ${FILTERS}
        ORDER BY opened_at, id LIMIT $7::int) x
    ) c WHERE t.k <= $7::int
  ),
  bound AS (
    SELECT e, opened_at, id FROM (
      SELECT e, opened_at, id FROM cand WHERE n = $7::int
      UNION ALL SELECT e, opened_at, id FROM top_heads WHERE k = $7::int + 1
    ) b ORDER BY e DESC, opened_at, id LIMIT 1
  ),
  safe AS (
    SELECT c.id FROM cand c LEFT JOIN bound b ON true
    WHERE b.id IS NULL OR (c.e, b.opened_at, b.id) >= (b.e, c.opened_at, c.id)
    UNION ALL
    SELECT id FROM leads WHERE stage = 'claimed' AND lease_expires_at <= now() AND ${FILTERS}
    UNION ALL
    SELECT id FROM leads WHERE stage = 'open' AND urgent AND ${FILTERS}
  ),
  next AS (
    SELECT id, claimed_by AS previous_claimer FROM leads
    WHERE id = ANY(ARRAY(SELECT id FROM safe)) AND ${CLAIMABLE} AND ${FILTERS}
    ORDER BY urgent DESC, ${ORDER} DESC, opened_at, id
    LIMIT 1 FOR UPDATE SKIP LOCKED
  )
  ${TAKE}`;

/** The claim statements, for EXPLAIN in the bench notes and tests. */
export const CLAIM_SQL = {
  fromQueue: CLAIM_FROM_QUEUE,
  fullSort: CLAIM_BY_FULL_SORT,
  queueDepth: QUEUE_DEPTH,
};

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
    @Inject(leadsConfig.KEY) private readonly settings: LeadsConfig,
  ) {}

  private get age() {
    return { points: this.settings.agePointsPerHour, cap: this.settings.ageCap };
  }

  async claim(dto: ClaimLeadDto, user: Claimer): Promise<LeadView | null> {
    return this.dataSource.transaction(async (m) => {
      const params = [
        dto.wards?.length ? dto.wards : null,
        dto.categories?.length ? dto.categories : null,
        user.id,
        this.age.cap,
        this.age.points,
        this.settings.leaseMs / 1000,
      ];
      type Claimed = LeadRow & { previous_claimer: string | null };
      let rows = await returningRows<Claimed>(m, CLAIM_FROM_QUEUE, [...params, QUEUE_DEPTH]);
      // Nothing came back: no lead is open, or every lead the short read could vouch for is held
      // by another claimer's transaction. The full ordering decides (and is cheap when empty).
      if (!rows[0]) rows = await returningRows<Claimed>(m, CLAIM_BY_FULL_SORT, params);
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
      const tipIds = await moveLeadTips(m, this.tips, lead, {
        stage: 'lead_claimed',
        stamp: 'claimed_at',
        event: 'claimed',
        actor: user.username,
        role: user.role,
        detail: { leaseExpiresAt: lead.lease_expires_at?.toISOString() },
      });
      const [live] = await this.leads.withLiveSuggestions(m, [lead], true);
      const [view] = await this.leads.views(m, [live], this.age, new Map([[lead.id, tipIds]]));
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
        [lead.id, this.settings.leaseMs / 1000],
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
