import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job committed in the same transaction as the state change that calls for it; the relay
 * moves it onto its BullMQ queue and deletes the row.
 */
@Entity('outbox')
@Index('outbox_available_idx', ['availableAt', 'id'])
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('text')
  queue: string;

  @Column('text', { name: 'job_id' })
  jobId: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('timestamptz', { name: 'available_at', default: () => 'now()' })
  availableAt: Date;
}
