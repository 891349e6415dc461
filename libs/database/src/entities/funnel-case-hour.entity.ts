import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per case, grain (category, channel, '*' for any), ward and UTC hour it has tips, with
 * the case's outcome as carried onto those tips: the cases of a cut day's whole hours. Derived by
 * the funnel projector. The key columns come first, in the primary key's order.
 */
@Entity('funnel_case_hours')
@Index('funnel_case_hours_case_idx', ['caseId'])
export class FunnelCaseHourEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_case_hours' })
  category: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_case_hours' })
  channel: string;

  @PrimaryColumn('timestamptz', { primaryKeyConstraintName: 'PK_funnel_case_hours' })
  hour: Date;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_case_hours' })
  ward: string;

  @PrimaryColumn('uuid', { name: 'case_id', primaryKeyConstraintName: 'PK_funnel_case_hours' })
  caseId: string;

  @Column('boolean')
  solved: boolean;

  @Column('int')
  arrests: number;
}
