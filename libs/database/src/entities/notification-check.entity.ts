import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An event the relay's periodic checks found (an urgent lead left unclaimed, a deadline near or
 * missed), recorded once by its key so each is notified once.
 */
@Entity('notification_checks')
export class NotificationCheckEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_notification_checks' })
  key: string;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;
}
