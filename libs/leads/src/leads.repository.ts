import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { storable } from '@app/audit';
import { explainReason } from '@app/contracts';
import { returningRows, SqlBatch } from '@app/database';
import type { CaseSuggestion } from '@app/database';
import { CaseSuggester } from '@app/linkage';
import { TipsRepository, tipStageUpdate } from '@app/tips';
import type { LeadView } from './dto/lead.dto';

export interface LeadRow {
  id: string;
  stage: LeadView['stage'];
  priority: number;
  urgent: boolean;
  ward: string;
  category: string;
  origin_tip_id: string;
  suggestions: CaseSuggestion[];
  claimed_by: string | null;
  claimed_at: Date | null;
  lease_expires_at: Date | null;
  case_id: string | null;
  dismissed_reason: string | null;
  opened_at: Date;
  effective_priority?: number;
}

/** Points a lead earns by waiting: `points` per hour, at most `cap`. */
export interface Ageing {
  points: number;
  cap: number;
}

/** A lead a claim took, with the claimer it took it from (a lapsed lease) and its tips. */
export type ClaimedLead = LeadRow & {
  previous_claimer: string | null;
  /** The lead's tips, moved to `lead_claimed` by the claim itself (none for a lapsed lease). */
  tip_ids: string[];
};

/** A row the claim statement returns for a lead it took: the lead and whose it now is. */
type TakenRow = ClaimedLead & {
  /** The claimer's place (1-based) among the claimers of the statement. */
  pick: string;
  claimer_name: string;
  claimer_role: string;
  unranked: number;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Suggestions compared by content (a stored jsonb value comes back with its keys reordered). */
const suggestionsKey = (xs: CaseSuggestion[]) =>
  JSON.stringify(xs.map((x) => [x.caseId, x.score, x.reasons, x.codes ?? null]));

/** True while the lead is held by its claimer: claimed, and the lease has not run out. */
export function leaseIsLive(
  lead: Pick<LeadRow, 'stage' | 'lease_expires_at'>,
  now = new Date(),
): boolean {
  return lead.stage === 'claimed' && lead.lease_expires_at !== null && lead.lease_expires_at > now;
}

/** The points a lead has earned by waiting, now: `floor(hours waited × points)`, capped. */
const agePointsSql = (points: string, cap: string, alias = '') =>
  `LEAST(${cap}::numeric, floor(extract(epoch FROM now() - ${alias}opened_at) / 3600 * ${points}::numeric))`;

/** Effective priority (the claim order): the lead's own plus its age points, now. */
const effectiveSql = (points: string, cap: string, alias = '') =>
  `(${alias}priority + ${agePointsSql(points, cap, alias)})::int`;

/**
 * The order the claim index (leads_claim_queue_idx) keeps the open leads in: urgent first, then
 * priority plus the stored age points, then the oldest, then the id. For a lead whose ranking is
 * not due (`rank_due_at > now()`), the stored age points are the points it has now, so this is
 * the claim order itself.
 */
const RANKED_ORDER = 'urgent DESC, (priority + age_points) DESC, opened_at, id';

/** A lead the claim queue may hand out: open, or claimed on a lease that ran out. */
const CLAIMABLE = `(stage = 'open' OR (stage = 'claimed' AND lease_expires_at <= now()))`;

@Injectable()
export class LeadsRepository {
  constructor(
    private readonly suggester: CaseSuggester,
    private readonly tips: TipsRepository,
  ) {}

  /**
   * Claims, for each of `claimers` in turn, the next claimable lead in claim order (urgent
   * first, then effective priority, then the oldest, then the id) that no other transaction
   * holds, in one statement: the first claimer gets the first such lead, the second the next,
   * and so on (claims taken together, all with the same filters).
   * - `ranked`: the first n unlocked open leads whose stored rank is current, read off
   *   leads_claim_queue_idx with SKIP LOCKED (index order is claim order for these leads);
   * - `unranked`: the few leads the index cannot vouch for: open leads whose ranking is due
   *   (their age points went up since they were ranked, or they were never ranked), through
   *   leads_rank_due_idx, and lapsed leases, through leads_lease_idx;
   * - `next`: the first n of those, in the claim order computed now, that are still unlocked,
   *   numbered in that order (`pick`) and paired with the claimers in theirs;
   * - each lead is claimed by its claimer, and (unless its lease lapsed: the caller moves those
   *   tips) its tips move to `lead_claimed` through the stage machine, each with its `claimed`
   *   event and audit entry in the name of the lead's claimer.
   * Every lead that comes before the ones taken is held by another claim; so the order is the
   * contract's, with no sort of the queue. Returns, per claimer (in the order given), its lead
   * or null when the queue ran dry, and how many leads were unranked.
   */
  async claim(
    m: EntityManager,
    q: {
      wards: string[] | null;
      categories: string[] | null;
      claimers: { id: string; username: string; role: string }[];
      leaseExpiresAt: Date;
      age: Ageing;
    },
  ): Promise<{ leads: (ClaimedLead | null)[]; unranked: number }> {
    const batch = new SqlBatch({ prepared: true });
    const p = (v: unknown) => batch.param(v);
    const wards = p(q.wards);
    const categories = p(q.categories);
    const filters = `(${wards}::text[] IS NULL OR ward = ANY(${wards}::text[]))
      AND (${categories}::text[] IS NULL OR category = ANY(${categories}::text[]))`;
    const points = p(q.age.points);
    const cap = p(q.age.cap);
    const lease = p(q.leaseExpiresAt.toISOString());
    const n = p(q.claimers.length);
    const people = storable(q.claimers.map((c) => [c.id, c.username, c.role]));
    batch.add(
      `SELECT id FROM leads
       WHERE stage = 'open' AND rank_due_at > now() AND ${filters}
       ORDER BY ${RANKED_ORDER} LIMIT ${n}::int FOR UPDATE SKIP LOCKED`,
      'ranked',
    );
    batch.add(
      `SELECT id FROM leads WHERE stage = 'open' AND rank_due_at <= now() AND ${filters}
       UNION ALL
       SELECT id FROM leads WHERE stage = 'claimed' AND lease_expires_at <= now() AND ${filters}`,
      'unranked',
    );
    batch.add(
      `SELECT id, claimed_by AS previous_claimer, urgent, opened_at,
         ${effectiveSql(points, cap)} AS effective
       FROM leads
       WHERE id = ANY(ARRAY(SELECT id FROM ranked UNION ALL SELECT id FROM unranked))
         AND ${CLAIMABLE} AND ${filters}
       ORDER BY urgent DESC, effective DESC, opened_at, id
       LIMIT ${n}::int FOR UPDATE SKIP LOCKED`,
      'next',
    );
    batch.add(
      `SELECT nx.id, nx.previous_claimer, nx.effective, c.id AS claimer,
         c.username AS claimer_name, c.role AS claimer_role, c.pick
       FROM (SELECT *, row_number() OVER (ORDER BY urgent DESC, effective DESC, opened_at, id)
             AS pick FROM next) nx
       JOIN unnest(${p(people.map((x) => x[0]))}::text[], ${p(people.map((x) => x[1]))}::text[],
         ${p(people.map((x) => x[2]))}::text[]) WITH ORDINALITY AS c(id, username, role, pick)
         ON c.pick = nx.pick`,
      'paired',
    );
    batch.add(
      `UPDATE leads l SET stage = 'claimed', claimed_by = paired.claimer, claimed_at = now(),
         lease_expires_at = ${lease}::timestamptz, updated_at = now()
       FROM paired WHERE l.id = paired.id
       RETURNING l.*, paired.previous_claimer, paired.effective AS effective_priority,
         paired.pick, paired.claimer_name, paired.claimer_role`,
      'taken',
    );
    const moved = tipStageUpdate(
      batch,
      {
        to: 'lead_claimed',
        stamp: 'claimed_at',
        where: `t.lead_id IN (SELECT id FROM taken WHERE previous_claimer IS NULL)`,
        returning: ['t.lead_id'],
      },
      'moved',
    );
    this.tips.addEventsFromTo(
      batch,
      `SELECT mv.id, tk.claimer_name AS actor, tk.claimer_role AS role,
         jsonb_build_object('leaseExpiresAt', ${p(q.leaseExpiresAt.toISOString())}::text,
           'leadId', tk.id) AS detail
       FROM ${moved} mv JOIN taken tk ON tk.id = mv.lead_id`,
      'claimed',
    );
    const rows = await batch.run<TakenRow | { id: null; unranked: number }>(
      m,
      `SELECT taken.*,
         ARRAY(SELECT id::text FROM ${moved} WHERE lead_id = taken.id ORDER BY received_at, id)
           AS tip_ids,
         (SELECT count(*)::int FROM unranked) AS unranked
       FROM (SELECT 1) AS one LEFT JOIN taken ON true`,
    );
    const leads: (ClaimedLead | null)[] = q.claimers.map(() => null);
    for (const row of rows) {
      if (row.id === null) continue;
      const { pick, unranked: _unranked, claimer_name: _name, claimer_role: _role, ...lead } = row;
      leads[Number(pick) - 1] = lead;
    }
    return { leads, unranked: rows[0]?.unranked ?? 0 };
  }

  /**
   * Ranks up to `limit` open leads whose ranking is due: stores the age points each has now
   * and when they next go up (never, once capped), a moment shy of the exact step so a rank is
   * never trusted past it. Leads held by a claim are left for the next pass. Returns how many
   * were ranked.
   */
  async rankDue(m: EntityManager, age: Ageing, limit = 1000): Promise<number> {
    const rows = await returningRows(
      m,
      LeadsRepository.rankSql('rank_due_at <= now() ORDER BY rank_due_at LIMIT $3'),
      [age.points, age.cap, limit],
    );
    return rows.length;
  }

  /**
   * Ranks every open lead whose stored rank is not the one `age` gives now (after the ageing
   * settings changed, or for leads from before ranks were stored).
   */
  async rankAll(m: EntityManager, age: Ageing): Promise<number> {
    const rows = await returningRows(m, LeadsRepository.rankSql('true'), [age.points, age.cap]);
    return rows.length;
  }

  /**
   * The ranking statement over the open leads `where` picks ($1 points, $2 cap). A lead a claim
   * holds is waited for, then left alone if the claim took it.
   */
  private static rankSql(where: string): string {
    return `UPDATE leads l SET age_points = r.points, rank_due_at = r.due_at
      FROM (
        SELECT id, points, CASE WHEN points >= $2::int OR $1::int = 0 THEN 'infinity'::timestamptz
          ELSE opened_at + make_interval(secs => (points + 1) * 3600.0 / $1::int)
               - interval '1 millisecond' END AS due_at
        FROM (
          SELECT id, opened_at, ${agePointsSql('$1', '$2')}::int AS points FROM leads
          WHERE stage = 'open' AND ${where}
        ) a
      ) r
      WHERE l.id = r.id AND l.stage = 'open'
        AND (l.age_points, l.rank_due_at) IS DISTINCT FROM (r.points, r.due_at)
      RETURNING l.id`;
  }

  /** The leads' case suggestions (per lead id), kept on the leads, in one statement. */
  async storeSuggestions(
    m: EntityManager,
    suggestions: Map<string, CaseSuggestion[]>,
  ): Promise<void> {
    if (suggestions.size === 0) return;
    await m.query(
      `UPDATE leads l SET suggestions = s.suggestions
       FROM unnest($1::uuid[], $2::jsonb[]) AS s(id, suggestions) WHERE l.id = s.id`,
      [[...suggestions.keys()], [...suggestions.values()].map((x) => JSON.stringify(x))],
    );
  }

  /**
   * The leads with their case suggestions computed now (for leads still open or claimed, all in
   * one statement), so a case opened after a lead is suggested the next time the lead is read or
   * claimed. `store` keeps them on the leads whose suggestions changed (a claim does; a read
   * changes nothing).
   */
  async withLiveSuggestions(m: EntityManager, rows: LeadRow[], store = false): Promise<LeadRow[]> {
    const live = rows.filter((r) => r.stage === 'open' || r.stage === 'claimed');
    if (live.length === 0) return rows;
    const now = await this.suggester.suggestForLeads(m, live);
    const changed = new Map<string, CaseSuggestion[]>();
    const out = rows.map((r) => {
      const suggestions = now.get(r.id);
      if (!suggestions) return r;
      if (suggestionsKey(suggestions) !== suggestionsKey(r.suggestions))
        changed.set(r.id, suggestions);
      return { ...r, suggestions };
    });
    if (store) await this.storeSuggestions(m, changed);
    return out;
  }

  async lock(m: EntityManager, id: string): Promise<LeadRow | null> {
    const rows: LeadRow[] = await m.query(`SELECT * FROM leads WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  async byId(m: EntityManager, id: string): Promise<LeadRow | null> {
    const rows: LeadRow[] = await m.query(`SELECT * FROM leads WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** A page of leads, newest first; `stage` 'open' counts lapsed leases as open. */
  async list(
    m: EntityManager,
    q: { stage?: string; urgent?: 'true' | 'false'; limit: number; cursor?: string },
  ): Promise<LeadRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (q.stage === 'open') where.push(CLAIMABLE);
    else if (q.stage === 'claimed') where.push(`stage = 'claimed' AND lease_expires_at > now()`);
    else if (q.stage) {
      params.push(q.stage);
      where.push(`stage = $${params.length}`);
    }
    if (q.urgent) where.push(q.urgent === 'true' ? 'urgent' : 'NOT urgent');
    if (q.cursor) {
      params.push(q.cursor);
      where.push(
        `(opened_at, id) < (SELECT opened_at, id FROM leads WHERE id = $${params.length})`,
      );
    }
    params.push(q.limit);
    return m.query(
      `SELECT * FROM leads ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY opened_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** The claimer keeps the lead `seconds` longer. */
  async renew(m: EntityManager, leadId: string, seconds: number): Promise<LeadRow[]> {
    return returningRows<LeadRow>(
      m,
      `UPDATE leads SET lease_expires_at = now() + make_interval(secs => $2), updated_at = now()
       WHERE id = $1 RETURNING *`,
      [leadId, seconds],
    );
  }

  /** The lead goes back to the queue (its rank still holds: opened_at is unchanged). */
  async release(m: EntityManager, leadId: string): Promise<LeadRow[]> {
    return returningRows<LeadRow>(
      m,
      `UPDATE leads SET stage = 'open', claimed_by = NULL, claimed_at = NULL,
         lease_expires_at = NULL, updated_at = now() WHERE id = $1 RETURNING *`,
      [leadId],
    );
  }

  /** Up to `limit` leases that ran out, back to the queue, with who held them. */
  async expireLeases(
    m: EntityManager,
    limit: number,
  ): Promise<(LeadRow & { previous_claimer: string })[]> {
    return returningRows<LeadRow & { previous_claimer: string }>(
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
  }

  /**
   * The lead is linked to a case. Its rank is marked due: should a new report reopen it
   * (opened_at moves), it is ranked afresh.
   */
  async markLinked(m: EntityManager, leadId: string, caseId: string): Promise<void> {
    await m.query(
      `UPDATE leads SET stage = 'linked', case_id = $2, lease_expires_at = NULL,
         rank_due_at = '-infinity', updated_at = now() WHERE id = $1`,
      [leadId, caseId],
    );
  }

  /** The lead is dismissed with a reason; its rank is marked due as for a linked lead. */
  async markDismissed(m: EntityManager, leadId: string, reason: string): Promise<void> {
    await m.query(
      `UPDATE leads SET stage = 'dismissed', dismissed_reason = $2, lease_expires_at = NULL,
         rank_due_at = '-infinity', updated_at = now() WHERE id = $1`,
      [leadId, reason],
    );
  }

  /** The status of a case a lead is about to be linked to, the case held against change. */
  async caseStatusForLink(m: EntityManager, caseId: string): Promise<string | null> {
    const rows: { status: string }[] = await m.query(
      `SELECT status FROM cases WHERE id = $1 FOR SHARE`,
      [caseId],
    );
    return rows[0]?.status ?? null;
  }

  /**
   * Moves every tip of a lead (its origin and the duplicates that joined it) with the lead, and
   * writes the matching event on each, in the caller's transaction. Returns the tips' ids in the
   * order a lead lists them (received, then id).
   */
  async moveTips(
    m: EntityManager,
    lead: { id: string; origin_tip_id: string },
    move: {
      /** Stage of the origin tip; duplicates take 'duplicate' instead when it is 'lead_open'. */
      stage: 'lead_open' | 'lead_claimed' | 'linked' | 'dismissed';
      stamp: 'claimed_at' | 'linked_at' | 'dismissed_at' | null;
      event: string;
      actor: string | null;
      role?: string | null;
      detail?: Record<string, unknown>;
      caseId?: string;
    },
  ): Promise<string[]> {
    // One statement: the tips move, and each gets its event and audit entry.
    const batch = new SqlBatch({ prepared: true });
    const p = (v: unknown) => batch.param(v);
    const stage = p(move.stage);
    const moved = tipStageUpdate(
      batch,
      {
        to: {
          sql: `CASE WHEN ${stage}::text = 'lead_open' AND t.id <> ${p(lead.origin_tip_id)}::uuid
                     THEN 'duplicate' ELSE ${stage}::text END`,
          stages: move.stage === 'lead_open' ? ['lead_open', 'duplicate'] : [move.stage],
        },
        stamp: move.stamp ?? undefined,
        set: move.caseId ? [`case_id = ${p(move.caseId)}::uuid`] : [],
        where: `t.lead_id = ${p(lead.id)}::uuid`,
      },
      'moved',
    );
    this.tips.addEventsForTo(batch, `SELECT id FROM ${moved}`, {
      type: move.event,
      actor: move.actor,
      role: move.role ?? (move.actor ? null : 'system'),
      detail: { leadId: lead.id, ...move.detail },
    });
    const rows = await batch.run<{ id: string }>(
      m,
      `SELECT id FROM ${moved} ORDER BY received_at, id`,
    );
    return rows.map((r) => r.id);
  }

  async tipIds(m: EntityManager, leadIds: string[]): Promise<Map<string, string[]>> {
    const rows: { lead_id: string; id: string }[] = await m.query(
      `SELECT lead_id, id FROM tips WHERE lead_id = ANY($1) ORDER BY received_at, id`,
      [leadIds],
    );
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.lead_id, [...(out.get(r.lead_id) ?? []), r.id]);
    return out;
  }

  async views(
    m: EntityManager,
    rows: LeadRow[],
    age: Ageing,
    /** The leads' tip ids when the caller already has them (as tipIds orders them). */
    known?: Map<string, string[]>,
  ): Promise<LeadView[]> {
    const tips =
      known ??
      (await this.tipIds(
        m,
        rows.map((r) => r.id),
      ));
    const now = Date.now();
    return rows.map((r) => {
      const waitedHours = (now - r.opened_at.getTime()) / 3_600_000;
      // A lapsed lease is already back in the queue, whether or not the sweeper has run.
      const lapsed =
        r.stage === 'claimed' && r.lease_expires_at !== null && r.lease_expires_at.getTime() <= now;
      return {
        id: r.id,
        stage: lapsed ? 'open' : r.stage,
        priority: r.priority,
        urgent: r.urgent,
        effectivePriority:
          r.effective_priority ??
          r.priority + Math.min(age.cap, Math.floor(waitedHours * age.points)),
        ward: r.ward,
        category: r.category,
        tipIds: tips.get(r.id) ?? [],
        suggestions: r.suggestions.map((x) => ({
          caseId: x.caseId,
          score: x.score,
          reasons: x.reasons,
          reasonDetails: (x.codes ?? x.reasons).map((c) => explainReason(c)),
        })),
        claimedBy: lapsed ? null : r.claimed_by,
        claimedAt: lapsed ? null : iso(r.claimed_at),
        leaseExpiresAt: lapsed ? null : iso(r.lease_expires_at),
        caseId: r.case_id,
        dismissedReason: r.dismissed_reason,
        openedAt: r.opened_at.toISOString(),
      };
    });
  }
}
