import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The cases whose first day (per grain and ward) is this day, summed. Derived; the key columns
 * come first, in the primary key's order.
 */
@Entity('funnel_case_firsts')
export class FunnelCaseFirstEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_case_firsts' })
  category: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_case_firsts' })
  channel: string;

  @PrimaryColumn('date', { primaryKeyConstraintName: 'PK_funnel_case_firsts' })
  day: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_case_firsts' })
  ward: string;

  @Column('int')
  cases: number;

  @Column('int')
  solved: number;

  @Column('int')
  arrests: number;
}
