import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('arrests')
@Index('arrests_case_idx', ['caseId'])
@Index('arrests_idempotency_uq', ['caseId', 'idempotencyKey'], { unique: true })
export class ArrestEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('text', { name: 'person_name' })
  personName: string;

  @Column('text', { nullable: true })
  charge: string | null;

  @Column('timestamptz', { name: 'arrested_at' })
  arrestedAt: Date;

  @Column('text', { name: 'recorded_by', nullable: true })
  recordedBy: string | null;

  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
