import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A job that kept failing: kept with its error so a person can look and re-drive it. */
@Entity('dead_letters')
@Index('dead_letters_job_uq', ['queue', 'jobId'], { unique: true })
export class DeadLetterEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('text')
  queue: string;

  @Column('text', { name: 'job_id' })
  jobId: string;

  @Column('uuid', { name: 'tip_id', nullable: true })
  tipId: string | null;

  @Column('text')
  error: string;

  @Column('int')
  attempts: number;

  @Column('timestamptz', { name: 'failed_at', default: () => 'now()' })
  failedAt: Date;
}
