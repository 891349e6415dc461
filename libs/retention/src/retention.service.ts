import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditWriter } from '@app/audit';
import { RetentionConfig, retentionConfig } from '@app/config';
import { ATTACHMENT_STORE, AttachmentStore } from '@app/evidence';
import { RetentionRepository } from './retention.repository';

const BATCH = 200;

/**
 * Purges tipster identities, messages and attachments of tips whose case resolved more than RETENTION_DAYS
 * ago, unless the case is on legal hold. Each batch commits with one audit entry per tip. Counts,
 * stages, outcomes and `has_contact` stay, so reports are unchanged.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: RetentionRepository,
    private readonly audit: AuditWriter,
    @Inject(retentionConfig.KEY) private readonly settings: RetentionConfig,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStore,
  ) {}

  /** One pass; returns how many tips were purged. */
  async purgeDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (m) => {
        const due = await this.repo.lockDue(m, this.settings.days, BATCH);
        if (due.length === 0) return 0;
        const ids = due.map((t) => t.id);
        const messages = await this.repo.purge(m, ids);
        // Evidence goes with the tipster's data: its bytes from the store, then its records.
        const files = await this.repo.attachmentsOf(m, ids);
        const fileIds = [...files.values()].flat();
        await this.store.remove(m, fileIds);
        await this.repo.deleteAttachments(m, fileIds);
        await this.audit.append(
          m,
          due.map((t) => ({
            actor: 'retention',
            role: null,
            action: 'tipster.purged',
            entityType: 'tipster' as const,
            entityId: t.id,
            outcome: 'success' as const,
            detail: {
              caseId: t.case_id,
              identity: t.had_identity,
              messages: messages.get(t.id) ?? 0,
              attachments: files.get(t.id)?.length ?? 0,
              retentionDays: this.settings.days,
            },
          })),
        );
        return due.length;
      });
      total += n;
      if (n < BATCH) return total;
    }
  }
}
