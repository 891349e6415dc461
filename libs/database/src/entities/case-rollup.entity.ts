import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseKind, Severity } from '@app/contracts';

/** `case_facts` summed per day, kind and severity, for the annual report. Derived. */
@Entity('case_rollup')
export class CaseRollupEntity {
  @PrimaryColumn('date', { primaryKeyConstraintName: 'PK_case_rollup' })
  day: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_case_rollup' })
  kind: CaseKind;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_case_rollup' })
  severity: Severity;

  @Column('int')
  cases: number;

  @Column('int')
  solved: number;

  @Column('int')
  arrests: number;
}
