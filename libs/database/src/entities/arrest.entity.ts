import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { CaseEntity } from './case.entity';

@Entity('arrests')
@Index('arrests_case_idx', ['caseId'])
@Index('arrests_idempotency_uq', ['caseId', 'idempotencyKey'], { unique: true })
@Index('arrests_created_idx', ['createdAt'])
export class ArrestEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'PK_arrests' })
  id: string;

  @Column('uuid', { name: 'case_id' })
  @ForeignKey(() => CaseEntity, { name: 'FK_arrests_case' })
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

  /** Also the reporting projector's cursor over arrests recorded since its last pass. */
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
