import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DurationHistogram } from './funnel-rollup.entity';

/**
 * `funnel_rollup` summed over whole months (histograms merged), so a year reads a few hundred
 * rows. Derived; the key columns come first, in the primary key's order.
 */
@Entity('funnel_rollup_month')
export class FunnelRollupMonthEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_rollup_month' })
  category: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_rollup_month' })
  channel: string;

  /** The month's first day. */
  @PrimaryColumn('date', { primaryKeyConstraintName: 'PK_funnel_rollup_month' })
  month: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_rollup_month' })
  ward: string;

  @Column('int')
  received: number;

  @Column('int')
  actionable: number;

  @Column('int')
  duplicate: number;

  @Column('int')
  rejected: number;

  @Column('int', { name: 'needs_review', default: 0 })
  needsReview: number;

  @Column('int')
  linked: number;

  @Column('jsonb', { name: 'triage_hist', default: {} })
  triageHist: DurationHistogram;

  @Column('jsonb', { name: 'claim_hist', default: {} })
  claimHist: DurationHistogram;
}
