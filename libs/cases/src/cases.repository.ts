import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { returningRows, SqlWhere } from '@app/database';
import type { ArrestView, CaseView } from './dto/case.dto';

interface CaseRow {
  id: string;
  title: string;
  kind: CaseView['kind'];
  category: CaseView['category'];
  severity: CaseView['severity'];
  ward: string;
  occurred_at: Date;
  status: CaseView['status'];
  resolution: CaseView['resolution'];
  resolved_at: Date | null;
  reopened_at: Date | null;
  created_by: string | null;
  assignee_id: string | null;
  created_at: Date;
}

export interface CaseFilter {
  status?: string;
  ward?: string;
  kind?: string;
  after?: string;
  limit: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Case event type → the tip event it becomes on each tip of the case. */
const TIP_EVENT: Record<string, string> = {
  arrest_recorded: 'arrest_recorded',
  case_resolved: 'case_resolved',
  case_reopened: 'case_reopened',
};

/** A case's outcome as its tips carry it. */
export interface CaseOutcome {
  status: string;
  resolution: string | null;
  arrests: number;
}

@Injectable()
export class CasesRepository {
  async insert(
    manager: EntityManager,
    c: {
      id: string;
      title: string;
      kind: string;
      category: string;
      severity: string;
      ward: string;
      occurredAt: string;
      createdBy: string | null;
      assigneeId: string | null;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO cases (id, title, kind, category, severity, ward, occurred_at, status, created_by,
                          assignee_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9)`,
      [
        c.id,
        c.title,
        c.kind,
        c.category,
        c.severity,
        c.ward,
        c.occurredAt,
        c.createdBy,
        c.assigneeId,
      ],
    );
  }

  /** Gives the case to `assigneeId`; false when the case is unknown. */
  async assign(manager: EntityManager, id: string, assigneeId: string): Promise<boolean> {
    const rows = await returningRows<{ id: string }>(
      manager,
      `UPDATE cases SET assignee_id = $2 WHERE id = $1 RETURNING id`,
      [id, assigneeId],
    );
    return rows.length > 0;
  }

  /** The case's assignee, or undefined when the case is unknown. */
  async assigneeOf(manager: EntityManager, id: string): Promise<string | null | undefined> {
    const rows: { assignee_id: string | null }[] = await manager.query(
      `SELECT assignee_id FROM cases WHERE id = $1`,
      [id],
    );
    return rows[0] ? rows[0].assignee_id : undefined;
  }

  /** Locks the case row for a change; null when unknown. */
  async lock(
    manager: EntityManager,
    id: string,
  ): Promise<{ id: string; status: string; occurred_at: Date } | null> {
    const rows: { id: string; status: string; occurred_at: Date }[] = await manager.query(
      `SELECT id, status, occurred_at FROM cases WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async view(manager: EntityManager, id: string): Promise<CaseView | null> {
    const rows: CaseRow[] = await manager.query(`SELECT * FROM cases WHERE id = $1`, [id]);
    if (!rows[0]) return null;
    const [views] = await this.withChildren(manager, rows);
    return views;
  }

  async list(manager: EntityManager, f: CaseFilter): Promise<CaseView[]> {
    const w = new SqlWhere();
    if (f.status) w.add('status = ?', f.status);
    if (f.ward) w.add('ward = ?', f.ward);
    if (f.kind) w.add('kind = ?', f.kind);
    if (f.after) {
      w.add('(created_at, id) < (SELECT created_at, id FROM cases WHERE id = ?)', f.after);
    }
    const rows: CaseRow[] = await manager.query(
      `SELECT * FROM cases ${w.clause}
       ORDER BY created_at DESC, id DESC LIMIT ${w.param(f.limit)}`,
      w.params,
    );
    return this.withChildren(manager, rows);
  }

  /** The role of the user `userId` and whether they are disabled; undefined when unknown. */
  async userStanding(
    manager: EntityManager,
    userId: string,
  ): Promise<{ role: string; disabled: boolean } | undefined> {
    const users: { role: string; disabled: boolean }[] = await manager.query(
      `SELECT role, disabled FROM users WHERE id = $1`,
      [userId],
    );
    return users[0];
  }

  async insertArrest(
    manager: EntityManager,
    a: {
      id: string;
      caseId: string;
      personName: string;
      charge: string | null;
      arrestedAt: string;
      recordedBy: string;
      idempotencyKey: string | null;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO arrests (id, case_id, person_name, charge, arrested_at, recorded_by, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [a.id, a.caseId, a.personName, a.charge, a.arrestedAt, a.recordedBy, a.idempotencyKey],
    );
  }

  /** The arrest recorded on the case under an idempotency key, if any. */
  async arrestByKey(
    manager: EntityManager,
    caseId: string,
    key: string,
  ): Promise<ArrestView | null> {
    const rows: {
      id: string;
      person_name: string;
      charge: string | null;
      arrested_at: Date;
      recorded_by: string | null;
    }[] = await manager.query(
      `SELECT id, person_name, charge, arrested_at, recorded_by FROM arrests
         WHERE case_id = $1 AND idempotency_key = $2`,
      [caseId, key],
    );
    const a = rows[0];
    return a
      ? {
          id: a.id,
          personName: a.person_name,
          charge: a.charge,
          arrestedAt: a.arrested_at.toISOString(),
          recordedBy: a.recorded_by,
        }
      : null;
  }

  async resolve(
    manager: EntityManager,
    id: string,
    resolution: string,
    resolvedAt: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE cases SET status = 'resolved', resolution = $2, resolved_at = $3 WHERE id = $1`,
      [id, resolution, resolvedAt],
    );
  }

  async reopen(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `UPDATE cases SET status = 'open', resolution = NULL, resolved_at = NULL, reopened_at = now()
         WHERE id = $1`,
      [id],
    );
  }

  /** Appends an event to the case's trail (at `at`, or now); answers its id. */
  async addEvent(
    manager: EntityManager,
    e: {
      caseId: string;
      type: string;
      actor: string | null;
      detail: Record<string, unknown>;
      at?: string;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO case_events (case_id, type, actor, detail, at)
       VALUES ($1, $2, $3, $4, COALESCE($5::timestamptz, now())) RETURNING id`,
      [e.caseId, e.type, e.actor, JSON.stringify(e.detail), e.at ?? null],
    );
    return rows[0].id;
  }

  /** The case's outcome (status, resolution, arrest count), the case locked FOR SHARE. */
  async outcomeOf(manager: EntityManager, caseId: string): Promise<CaseOutcome | undefined> {
    const cases: CaseOutcome[] = await manager.query(
      `SELECT c.status, c.resolution, (SELECT count(*)::int FROM arrests a WHERE a.case_id = c.id) AS arrests
     FROM cases c WHERE c.id = $1 FOR SHARE`,
      [caseId],
    );
    return cases[0];
  }

  /** Locks the tips on the case's leads, in id order; answers their ids. */
  async lockTipsOf(manager: EntityManager, caseId: string): Promise<string[]> {
    const tips: { id: string }[] = await manager.query(
      `SELECT t.id FROM tips t JOIN leads l ON l.id = t.lead_id
     WHERE l.case_id = $1 ORDER BY t.id FOR UPDATE OF t`,
      [caseId],
    );
    return tips.map((t) => t.id);
  }

  /**
   * The tips `tipIds` take the case and its outcome (a tip already carrying it is not written),
   * and the case's arrests, resolutions and reopenings as tip events keyed by the case event, so
   * a repeat adds nothing.
   */
  async carryOutcome(
    manager: EntityManager,
    tipIds: string[],
    caseId: string,
    c: CaseOutcome,
  ): Promise<void> {
    await manager.query(
      `UPDATE tips SET case_id = $2, case_status = $3, case_resolution = $4, arrests = $5
     WHERE id = ANY($1) AND (case_id IS DISTINCT FROM $2 OR case_status IS DISTINCT FROM $3
       OR case_resolution IS DISTINCT FROM $4 OR arrests <> $5)`,
      [tipIds, caseId, c.status, c.resolution, c.arrests],
    );
    await manager.query(
      `INSERT INTO tip_events (tip_id, type, at, actor, detail, dedupe_key)
     SELECT t.id, CASE e.type ${Object.entries(TIP_EVENT)
       .map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
       .join(' ')} END,
            e.at, e.actor, e.detail || jsonb_build_object('caseId', e.case_id), 'case_event:' || e.id
     FROM unnest($1::uuid[]) AS t(id)
     CROSS JOIN case_events e
     WHERE e.case_id = $2 AND e.type = ANY($3)
     ON CONFLICT (tip_id, dedupe_key) DO NOTHING`,
      [tipIds, caseId, Object.keys(TIP_EVENT)],
    );
  }

  private async withChildren(manager: EntityManager, rows: CaseRow[]): Promise<CaseView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const tips: { case_id: string; id: string; lead_id: string }[] = await manager.query(
      `SELECT l.case_id, t.id, t.lead_id FROM leads l JOIN tips t ON t.lead_id = l.id
       WHERE l.case_id = ANY($1) ORDER BY t.received_at, t.id`,
      [ids],
    );
    const arrests: {
      case_id: string;
      id: string;
      person_name: string;
      charge: string | null;
      arrested_at: Date;
      recorded_by: string | null;
    }[] = await manager.query(
      `SELECT case_id, id, person_name, charge, arrested_at, recorded_by FROM arrests
       WHERE case_id = ANY($1) ORDER BY arrested_at, id`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      category: r.category,
      severity: r.severity,
      ward: r.ward,
      occurredAt: r.occurred_at.toISOString(),
      status: r.status,
      resolution: r.resolution,
      resolvedAt: iso(r.resolved_at),
      reopenedAt: iso(r.reopened_at),
      createdBy: r.created_by,
      assigneeId: r.assignee_id,
      createdAt: r.created_at.toISOString(),
      tipIds: tips.filter((t) => t.case_id === r.id).map((t) => t.id),
      leadIds: [...new Set(tips.filter((t) => t.case_id === r.id).map((t) => t.lead_id))],
      arrests: arrests
        .filter((a) => a.case_id === r.id)
        .map((a) => ({
          id: a.id,
          personName: a.person_name,
          charge: a.charge,
          arrestedAt: a.arrested_at.toISOString(),
          recordedBy: a.recorded_by,
        })),
    }));
  }
}
