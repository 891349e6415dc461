import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { OutboxWriter } from '@app/dispatch';

export type CaseEventType =
  | 'case_opened'
  | 'lead_linked'
  | 'arrest_recorded'
  | 'case_resolved'
  | 'case_reopened'
  | 'case_assigned';

/**
 * Appends a case event and, in the same transaction, the outbox job that carries the case's new
 * outcome to its tips.
 */
@Injectable()
export class CaseEventsWriter {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditWriter,
  ) {}

  async append(
    manager: EntityManager,
    caseId: string,
    type: CaseEventType,
    who: { username: string; role: string } | null,
    detail: Record<string, unknown> = {},
    at?: string,
  ): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO case_events (case_id, type, actor, detail, at)
       VALUES ($1, $2, $3, $4, COALESCE($5::timestamptz, now())) RETURNING id`,
      [caseId, type, who?.username ?? null, JSON.stringify(detail), at ?? null],
    );
    await this.audit.append(manager, [
      {
        actor: who?.username ?? null,
        role: who?.role ?? null,
        action: `case.${type}`,
        entityType: 'case',
        entityId: caseId,
        outcome: 'success',
        detail: { caseEventId: rows[0].id, ...detail },
      },
    ]);
    await this.outbox.enqueueOutcome(manager, caseId, rows[0].id);
    return rows[0].id;
  }
}
