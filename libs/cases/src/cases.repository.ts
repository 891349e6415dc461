import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { returningRows, SqlWhere } from '@app/database';
import type { CaseView } from './dto/case.dto';

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
