import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { AttachmentEntity } from './attachment.entity';

/**
 * One sealed piece of an attachment (AES-256-GCM, at most 256 KB of the file). The key to the
 * attachment is checked at commit (deferred): an upload writes its chunks first, its row last.
 * The column's storage is EXTERNAL (no compression attempt), which TypeORM does not describe.
 */
@Entity('attachment_chunks')
export class AttachmentChunkEntity {
  @PrimaryColumn('uuid', {
    name: 'attachment_id',
    primaryKeyConstraintName: 'PK_attachment_chunks',
  })
  @ForeignKey(() => AttachmentEntity, {
    name: 'FK_attachment_chunks_attachment',
    onDelete: 'CASCADE',
    deferrable: 'INITIALLY DEFERRED',
  })
  attachmentId: string;

  @PrimaryColumn('integer', { primaryKeyConstraintName: 'PK_attachment_chunks' })
  idx: number;

  @Column('bytea')
  data: Buffer;
}
