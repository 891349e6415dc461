import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { TipEntity } from './tip.entity';

/** Two-way talk with a tipster; the body is as sensitive as the tip itself. */
@Entity('tip_messages')
@Index('tip_messages_tip_idx', ['tipId', 'createdAt'])
export class TipMessageEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_tip_messages' })
  id: string;

  @Column('uuid', { name: 'tip_id' })
  @ForeignKey(() => TipEntity, { name: 'FK_tip_messages_tip' })
  tipId: string;

  @Column('text')
  direction: 'to_tipster' | 'from_tipster';

  @Column('text')
  body: string;

  @Column('text', { nullable: true })
  author: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
