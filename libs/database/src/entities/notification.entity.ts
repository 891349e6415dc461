import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * One notification to one person: what happened to which lead or tip, never its text or the
 * tipster. `source_key` names the event; unique per recipient, so an event delivered twice
 * notifies once.
 */
@Entity('notifications')
@Unique('notifications_source_user_uq', ['sourceKey', 'userId'])
@Index('notifications_user_idx', ['userId', 'createdAt', 'id'])
@Index('notifications_unread_idx', ['userId', 'createdAt', 'id'], { where: 'read_at IS NULL' })
export class NotificationEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_notifications' })
  id: string;

  @Column('uuid', { name: 'user_id' })
  @ForeignKey(() => UserEntity, { name: 'FK_notifications_user' })
  userId: string;

  @Column('text')
  type: string;

  @Column('text', { name: 'entity_type' })
  entityType: 'lead' | 'tip';

  @Column('uuid', { name: 'entity_id' })
  entityId: string;

  @Column('text', { name: 'source_key' })
  sourceKey: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'read_at', nullable: true })
  readAt: Date | null;
}
