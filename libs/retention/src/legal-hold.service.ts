import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { DomainError } from '@app/contracts';
import { RetentionRepository } from './retention.repository';

export interface LegalHoldView {
  caseId: string;
  legalHold: boolean;
  legalHoldAt: string | null;
}

/** Sets or lifts a case's legal hold, which stops retention from purging its tips. Audited. */
@Injectable()
export class LegalHoldService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: RetentionRepository,
    private readonly audit: AuditWriter,
  ) {}

  async set(
    caseId: string,
    hold: boolean,
    reason: string,
    actor: { id: string; username: string; role: string },
  ): Promise<LegalHoldView> {
    return this.dataSource.transaction(async (m) => {
      const row = await this.repo.setLegalHold(m, caseId, hold);
      if (!row) throw new DomainError('not_found', 'case not found');
      await this.audit.append(m, [
        {
          actor: actor.id,
          role: actor.role,
          action: hold ? 'case.legal_hold_set' : 'case.legal_hold_lifted',
          entityType: 'case',
          entityId: caseId,
          outcome: 'success',
          reason,
          detail: { username: actor.username },
        },
      ]);
      return {
        caseId,
        legalHold: row.legal_hold,
        legalHoldAt: row.legal_hold_at ? row.legal_hold_at.toISOString() : null,
      };
    });
  }
}
