import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CaseKind, Severity } from '@app/contracts';

/** One row per case for the annual report: the UTC day it occurred and its outcome. Derived. */
@Entity('case_facts')
@Index('case_facts_day_idx', ['day'])
export class CaseFactEntity {
  @PrimaryColumn('uuid', { name: 'case_id', primaryKeyConstraintName: 'PK_case_facts' })
  caseId: string;

  @Column('date')
  day: string;

  @Column('text')
  kind: CaseKind;

  @Column('text')
  severity: Severity;

  @Column('boolean')
  solved: boolean;

  @Column('int')
  arrests: number;
}
