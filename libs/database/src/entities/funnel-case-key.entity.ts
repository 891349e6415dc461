import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per case, grain (category, channel, '*' for any), ward ('*' too) and UTC day it has
 * tips, with the case's previous and next such day, so distinct cases over any range of days are
 * counted without reading every (day, case) row. Derived by the funnel projector.
 *
 * What TypeORM cannot declare, and so leaves alone:
 * - the primary key's `INCLUDE ("prev_day", "next_day")` (TypeORM reads only its key columns;
 *   tests/integration/schema-entities.int-spec.ts checks the clause itself);
 * - `funnel_case_keys_carry_idx`, partial and with an INCLUDE clause: declared with
 *   `synchronize: false`, which tells TypeORM the index exists and is not its to create or drop.
 *   It is ("category", "channel", "gap_class", "day") INCLUDE ("ward", "prev_day", "solved",
 *   "arrests") WHERE "prev_day" IS NOT NULL.
 *
 * The key columns come first, in the primary key's order.
 */
@Entity('funnel_case_keys')
@Index('funnel_case_keys_case_idx', ['caseId', 'category', 'channel', 'ward', 'day'])
@Index('funnel_case_keys_carry_idx', { synchronize: false })
export class FunnelCaseKeyEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_case_keys' })
  category: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_case_keys' })
  channel: string;

  @PrimaryColumn('date', { primaryKeyConstraintName: 'PK_funnel_case_keys' })
  day: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_case_keys' })
  ward: string;

  @PrimaryColumn('uuid', { name: 'case_id', primaryKeyConstraintName: 'PK_funnel_case_keys' })
  caseId: string;

  /** The case's outcome as projected onto its tips. */
  @Column('boolean')
  solved: boolean;

  @Column('int')
  arrests: number;

  /** The case's previous day in this grain and ward; null on its first. */
  @Column('date', { name: 'prev_day', nullable: true })
  prevDay: string | null;

  /** floor(log2(day - prev_day)): the carry index's classes. */
  @Column('smallint', { name: 'gap_class', nullable: true })
  gapClass: number | null;

  @Column('date', { name: 'next_day', nullable: true })
  nextDay: string | null;
}
