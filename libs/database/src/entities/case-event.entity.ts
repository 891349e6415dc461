import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What happened to a case (lead linked, arrest, resolved, reopened); projected onto its tips. */
@Entity('case_events')
@Index('case_events_case_idx', ['caseId', 'id'])
export class CaseEventEntity {
  @PrimaryGeneratedColumn('increment', {
    type: 'bigint',
    primaryKeyConstraintName: 'PK_case_events',
  })
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('text')
  type: string;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;

  @Column('text', { nullable: true })
  actor: string | null;

  @Column('jsonb', { default: {} })
  detail: Record<string, unknown>;
}
