import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { TipsModule } from '@app/tips';
import { AttachmentKeyRotationService } from './attachment-key-rotation.service';
import { AttachmentReadService } from './attachment-read.service';
import { AttachmentUploadService } from './attachment-upload.service';
import { ATTACHMENT_STORE } from './attachment.store';
import { AttachmentsRepository } from './attachments.repository';
import { PostgresAttachmentStore } from './postgres-attachment.store';

/**
 * Where attachments' sealed bytes are kept. It holds no key: the relay's retention purge uses
 * it to remove them. Another store (an object store) is bound here instead.
 */
@Module({
  providers: [{ provide: ATTACHMENT_STORE, useClass: PostgresAttachmentStore }],
  exports: [ATTACHMENT_STORE],
})
export class AttachmentStoreModule {}

/** Evidence with a tip: uploads and downloads (the API; it needs the tipster key). */
@Module({
  imports: [AuditModule, TipsModule, AttachmentStoreModule],
  providers: [AttachmentsRepository, AttachmentUploadService, AttachmentReadService],
  exports: [AttachmentUploadService, AttachmentReadService, AttachmentsRepository],
})
export class EvidenceModule {}

/** Re-sealing attachments under a new tipster key (the `rotate-tipster-key` command). */
@Module({
  imports: [AuditModule, TipsModule, AttachmentStoreModule],
  providers: [AttachmentsRepository, AttachmentKeyRotationService],
  exports: [AttachmentKeyRotationService],
})
export class AttachmentKeysModule {}
