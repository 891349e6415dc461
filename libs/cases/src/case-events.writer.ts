import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { OutboxWriter } from '@app/dispatch';
import { CasesRepository } from './cases.repository';

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
    private readonly cases: CasesRepository,
  ) {}

  async append(
    manager: EntityManager,
    caseId: string,
    type: CaseEventType,
    who: { username: string; role: string } | null,
    detail: Record<string, unknown> = {},
    at?: string,
  ): Promise<string> {
    const id = await this.cases.addEvent(manager, {
      caseId,
      type,
      actor: who?.username ?? null,
      detail,
      at,
    });
    await this.audit.append(manager, [
      {
        actor: who?.username ?? null,
        role: who?.role ?? null,
        action: `case.${type}`,
        entityType: 'case',
        entityId: caseId,
        outcome: 'success',
        detail: { caseEventId: id, ...detail },
      },
    ]);
    await this.outbox.enqueueOutcome(manager, caseId, id);
    return id;
  }
}
