import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A `notifications` job written (with its outbox row) and not yet run; deleted when it runs. One
 * lost in Redis is sent again by the reconciler.
 */
@Entity('notification_jobs_pending')
@Index('notification_jobs_pending_since_idx', ['waitingSince'])
export class NotificationJobPendingEntity {
  @PrimaryColumn('text', {
    name: 'job_id',
    primaryKeyConstraintName: 'PK_notification_jobs_pending',
  })
  jobId: string;

  @Column('jsonb')
  payload: unknown;

  /** When it was written, or last sent again. */
  @Column('timestamptz', { name: 'waiting_since', default: () => 'now()' })
  waitingSince: Date;
}
