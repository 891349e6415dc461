import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TipEntity } from './tip.entity';

/**
 * A file given with a tip (evidence). Its bytes are in `attachment_chunks`, sealed under the
 * tipster key named by `key_id`; `sha256` is that of the stored (for images: cleaned) bytes.
 */
@Entity('attachments')
@Index('attachments_tip_idx', ['tipId', 'addedAt'])
@Check('CHK_attachments_kind', `"kind" IN ('image', 'video', 'audio', 'document')`)
export class AttachmentEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_attachments' })
  id: string;

  @Column('uuid', { name: 'tip_id' })
  @ForeignKey(() => TipEntity, { name: 'FK_attachments_tip' })
  tipId: string;

  @Column('text')
  kind: 'image' | 'video' | 'audio' | 'document';

  @Column('text')
  mime: string;

  @Column('bigint')
  size: string;

  @Column('text')
  sha256: string;

  @Column('integer', { name: 'chunk_count' })
  chunkCount: number;

  @Column('text', { name: 'key_id' })
  keyId: string;

  @Column('text', { name: 'added_by' })
  addedBy: string;

  @Column('timestamptz', { name: 'added_at', default: () => 'now()' })
  addedAt: Date;
}
