import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Two-way talk with a tipster; the body is as sensitive as the tip itself. */
@Entity('tip_messages')
@Index('tip_messages_tip_idx', ['tipId', 'createdAt'])
export class TipMessageEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'tip_id' })
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
