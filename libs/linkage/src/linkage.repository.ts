import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TipStage } from '@app/contracts';
import { PREPARED, returningRows } from '@app/database';
import type { LeadStage, SqlBatch } from '@app/database';
import { tipStageUpdate } from '@app/tips';

/** A `triaged` tip as linkage reads it. */
export interface TriagedTip {
  id: string;
  ward: string;
  category: string;
  priority: number;
  urgent: boolean;
  duplicate_of: string | null;
  description_norm: string;
}

/** A lead about to open on a tip of its own. */
export interface NewLead {
  id: string;
  tipId: string;
  priority: number;
  urgent: boolean;
  ward: string;
  category: string;
  /** The suggested cases, as JSON. */
  suggestions: string;
}

/** What joining a lead changes on the tip. */
export interface LeadJoin {
  tipId: string;
  leadId: string;
  /** The tip's new stage (the lead's, as a duplicate sees it). */
  stage: TipStage;
  /** The lead's case, when the lead is linked: the tip is linked to it too. */
  linkedCaseId?: string | null;
}

/** An open case that may take a lead, with what it shares with the lead's tips. */
export interface CaseCandidate {
  id: string;
  same_ward: boolean;
  same_category: boolean;
  shared: string[] | null;
  sim: number | null;
  /** The case was opened after the lead: it cannot have been suggested when the lead opened. */
  opened_after?: boolean;
}

const TRIAGED_COLUMNS = `id, ward, category, priority, urgent, duplicate_of, description_norm`;

/**
 * SQL setting the deadline to decide on a tip reaching a lead: its receipt + `decisionDays`,
 * unless it has one already (a tip split off a lead keeps its deadline and extensions).
 */
function dueSql(batch: SqlBatch, decisionDays: number): string {
  return `decision_due_at = COALESCE(t.decision_due_at,
      t.received_at + make_interval(days => ${batch.param(decisionDays)}::int))`;
}

/** Linkage's reads and writes of tips and leads, and the open cases a lead may belong to. */
@Injectable()
export class LinkageRepository {
  /** Reads and locks the tips of `ids` still `triaged`, in received order. */
  lockTriaged(m: EntityManager, ids: string[]): Promise<TriagedTip[]> {
    return m.query(
      `SELECT ${TRIAGED_COLUMNS} FROM tips WHERE id = ANY($1::uuid[]) AND stage = 'triaged'
         ORDER BY received_at, id FOR UPDATE`,
      [ids],
    );
  }

  /** Reads and locks one tip if it is still `triaged`. */
  lockTriagedTip(m: EntityManager, id: string): Promise<TriagedTip[]> {
    return m.query(
      `SELECT ${TRIAGED_COLUMNS} FROM tips WHERE id = $1 AND stage = 'triaged' FOR UPDATE`,
      [id],
    );
  }

  /**
   * The lead and stage of each tip that duplicates repeat, by id, locked against a change (FOR
   * SHARE, in id order).
   */
  async originalsOf(
    m: EntityManager,
    originalIds: string[],
  ): Promise<Map<string, { lead_id: string | null; stage: TipStage }>> {
    if (originalIds.length === 0) return new Map();
    const rows: { id: string; lead_id: string | null; stage: TipStage }[] = await m.query(
      `SELECT id, lead_id, stage FROM tips WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE`,
      [originalIds],
    );
    return new Map(rows.map(({ id, ...r }) => [id, r]));
  }

  /**
   * Adds to `batch` the new leads and their tips' moves onto them (`lead_open`, with the
   * deadline to decide `decisionDays` after receipt).
   */
  openLeadsTo(batch: SqlBatch, leads: NewLead[], decisionDays: number): void {
    const col = (f: (l: NewLead) => unknown) => batch.param(leads.map(f));
    batch.add(
      `INSERT INTO leads (id, stage, priority, urgent, ward, category, origin_tip_id, suggestions)
       SELECT id, 'open', priority, urgent, ward, category, origin, suggestions
       FROM unnest(${col((l) => l.id)}::uuid[], ${col((l) => l.priority)}::int[],
         ${col((l) => l.urgent)}::boolean[], ${col((l) => l.ward)}::text[],
         ${col((l) => l.category)}::text[], ${col((l) => l.tipId)}::uuid[],
         ${col((l) => l.suggestions)}::jsonb[])
         AS l(id, priority, urgent, ward, category, origin, suggestions)`,
    );
    tipStageUpdate(batch, {
      to: 'lead_open',
      stamp: 'lead_open_at',
      set: ['lead_id = l.id', dueSql(batch, decisionDays)],
      from: `unnest(${col((l) => l.tipId)}::uuid[], ${col((l) => l.id)}::uuid[]) AS l(tip, id)`,
      where: 't.id = l.tip',
    });
  }

  /**
   * Runs `batch` and reads, in the same statement, the duplicates of `originIds` still
   * `triaged` (other than `holding`), in received order, locking those not locked already.
   */
  runReadingWaitingDuplicates(
    m: EntityManager,
    batch: SqlBatch,
    originIds: string[],
    holding: string[],
  ): Promise<TriagedTip[]> {
    return batch.run<TriagedTip>(
      m,
      `SELECT ${TRIAGED_COLUMNS}
       FROM tips WHERE duplicate_of = ANY(${batch.param(originIds)}::uuid[]) AND stage = 'triaged'
         AND id <> ALL(${batch.param(holding)}::uuid[])
       ORDER BY received_at, id
       FOR UPDATE SKIP LOCKED`,
    );
  }

  /** Locks the leads (in id order) and reads their stage, case and urgency, by id. */
  async lockLeads(
    m: EntityManager,
    leadIds: string[],
  ): Promise<Map<string, { stage: LeadStage; case_id: string | null; urgent: boolean }>> {
    const rows = await returningRows<{
      id: string;
      stage: LeadStage;
      case_id: string | null;
      urgent: boolean;
    }>(
      m,
      `SELECT id, stage, case_id, urgent FROM leads WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [leadIds],
    );
    return new Map(rows.map(({ id, ...r }) => [id, r]));
  }

  /** Each lead takes the higher of its priority and the one given, and urgency if given. */
  async raiseLeads(
    m: EntityManager,
    raises: { leadId: string; priority: number; urgent: boolean }[],
  ): Promise<void> {
    if (raises.length === 0) return;
    await m.query(
      `UPDATE leads l SET priority = GREATEST(l.priority, r.priority), urgent = l.urgent OR r.urgent,
         updated_at = now()
       FROM unnest($1::uuid[], $2::int[], $3::boolean[]) AS r(id, priority, urgent)
       WHERE l.id = r.id`,
      [raises.map((r) => r.leadId), raises.map((r) => r.priority), raises.map((r) => r.urgent)],
    );
  }

  /** Adds to `batch` the tip's move onto the lead (and its case, when the lead is linked). */
  joinLeadTo(batch: SqlBatch, join: LeadJoin, decisionDays: number): void {
    const p = (v: unknown) => batch.param(v);
    tipStageUpdate(batch, {
      to: join.stage,
      stamp: 'lead_open_at',
      set: [
        `lead_id = ${p(join.leadId)}::uuid`,
        dueSql(batch, decisionDays),
        ...(join.linkedCaseId !== undefined
          ? ['linked_at = now()', `case_id = ${p(join.linkedCaseId)}::uuid`]
          : []),
      ],
      where: `t.id = ${p(join.tipId)}::uuid`,
    });
  }

  /**
   * Adds to `batch` the dismissed lead's return to the queue, its origin tip to `lead_open` and
   * its other tips to `duplicate`. Returns a SELECT of the moved tips' ids, for their events.
   */
  reopenLeadTo(batch: SqlBatch, leadId: string): string {
    const p = (v: unknown) => batch.param(v);
    batch.add(
      `UPDATE leads SET stage = 'open', claimed_by = NULL, claimed_at = NULL,
         lease_expires_at = NULL, dismissed_reason = NULL, opened_at = now(), updated_at = now()
       WHERE id = ${p(leadId)}::uuid`,
    );
    const moved = tipStageUpdate(
      batch,
      {
        to: {
          sql: `CASE WHEN t.id = (SELECT origin_tip_id FROM leads WHERE id = ${p(leadId)}::uuid)
                     THEN 'lead_open' ELSE 'duplicate' END`,
          stages: ['lead_open', 'duplicate'],
        },
        set: ['dismissed_at = NULL'],
        where: `t.lead_id = ${p(leadId)}::uuid`,
      },
      'moved',
    );
    return `SELECT id FROM ${moved}`;
  }

  /**
   * Up to 50 open cases for each of several new tips, in one statement, each over its own text
   * and entities (candidatesSql): the candidates per tip id.
   */
  async caseCandidatesForTips(
    m: EntityManager,
    tips: { id: string; ward: string; category: string; norm: string }[],
  ): Promise<Map<string, CaseCandidate[]>> {
    const out = new Map<string, CaseCandidate[]>(tips.map((t) => [t.id, []]));
    if (tips.length === 0) return out;
    // Each tip once: a repeated id would read its candidates twice into one list.
    const subjects = [...new Map(tips.map((t) => [t.id, t])).values()];
    const candidates = candidatesSql({
      tipIds: 'ARRAY[ts.tip_id]',
      ward: 'ts.ward',
      category: 'ts.category',
      norm: 'ts.norm',
      openedAt: 'NULL::timestamptz',
    });
    const rows: (CaseCandidate & { tip_id: string })[] = await m.query(
      `SELECT ts.tip_id, k.*
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS ts(tip_id, ward, category, norm)
       CROSS JOIN LATERAL (
         WITH ${candidates}
       ) k`,
      [
        subjects.map((t) => t.id),
        subjects.map((t) => t.ward),
        subjects.map((t) => t.category),
        subjects.map((t) => t.norm),
      ],
    );
    for (const { tip_id, ...candidate } of rows) out.get(tip_id)?.push(candidate);
    return out;
  }

  /**
   * The candidate cases of several leads in one statement, each over its tips (its origin's
   * text; cases created after the lead opened marked so). Returns the candidates per lead id.
   */
  async caseCandidatesForLeads(
    m: EntityManager,
    leads: { id: string; origin_tip_id: string; ward: string; category: string; opened_at: Date }[],
  ): Promise<Map<string, CaseCandidate[]>> {
    const out = new Map<string, CaseCandidate[]>(leads.map((l) => [l.id, []]));
    if (leads.length === 0) return out;
    const candidates = candidatesSql({
      tipIds: 'ls.tip_ids',
      ward: 'ls.ward',
      category: 'ls.category',
      norm: 'ls.norm',
      openedAt: 'ls.opened_at',
    });
    const rows: (CaseCandidate & { lead_id: string })[] = await m.query(
      `${PREPARED}WITH subject AS (
         SELECT s.lead_id, s.ward, s.category, s.opened_at,
                COALESCE(x.tip_ids, '{}') AS tip_ids, COALESCE(x.norm, '') AS norm
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[])
           AS s(lead_id, origin_id, ward, category, opened_at)
         CROSS JOIN LATERAL (
           SELECT array_agg(t.id ORDER BY t.id = s.origin_id DESC, t.received_at, t.id) AS tip_ids,
                  (array_agg(t.description_norm
                     ORDER BY t.id = s.origin_id DESC, t.received_at, t.id))[1] AS norm
           FROM tips t WHERE t.lead_id = s.lead_id OR t.id = s.origin_id
         ) x
       )
       SELECT ls.lead_id, k.*
       FROM subject ls
       CROSS JOIN LATERAL (
         WITH ${candidates}
       ) k`,
      [
        leads.map((l) => l.id),
        leads.map((l) => l.origin_tip_id),
        leads.map((l) => l.ward),
        leads.map((l) => l.category),
        leads.map((l) => l.opened_at.toISOString()),
      ],
    );
    for (const { lead_id, ...candidate } of rows) out.get(lead_id)?.push(candidate);
    return out;
  }
}

/**
 * The candidate cases of one subject, as the CTEs and final SELECT of a WITH: up to 50 open cases
 * sharing a phone, plate, address or place with its tips, or of its ward and category; each with
 * what it shares, whether it was opened after `openedAt`, and its tips' best text similarity to
 * `norm`. Each argument is an SQL expression (a column of the row a LATERAL join runs it for).
 */
function candidatesSql(x: {
  tipIds: string;
  ward: string;
  category: string;
  norm: string;
  openedAt: string;
}): string {
  return `shared AS (
      SELECT l.case_id, array_agg(DISTINCT v2.kind || ' ' || v2.value) AS items
      FROM tip_entity_values v1
      JOIN tip_entity_values v2 ON v2.kind = v1.kind AND v2.value = v1.value
                                AND v2.tip_id <> ALL(${x.tipIds})
      JOIN tips t ON t.id = v2.tip_id
      JOIN leads l ON l.id = t.lead_id AND l.case_id IS NOT NULL
      WHERE v1.tip_id = ANY(${x.tipIds})
      GROUP BY l.case_id
    ), candidates AS (
      SELECT c.id, c.ward = ${x.ward} AS same_ward, c.category = ${x.category} AS same_category,
             s.items AS shared, COALESCE(c.created_at > ${x.openedAt}, false) AS opened_after
      FROM cases c LEFT JOIN shared s ON s.case_id = c.id
      WHERE c.status = 'open'
        AND (s.case_id IS NOT NULL OR (c.ward = ${x.ward} AND c.category = ${x.category}))
      ORDER BY s.case_id IS NOT NULL DESC, c.occurred_at DESC
      LIMIT 50
    )
    SELECT k.*, (SELECT max(similarity(t.description_norm, ${x.norm}))
                 FROM leads l JOIN tips t ON t.lead_id = l.id
                 WHERE l.case_id = k.id) AS sim
    FROM candidates k`;
}
