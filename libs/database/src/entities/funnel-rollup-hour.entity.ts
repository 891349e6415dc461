import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DurationHistogram } from './funnel-rollup.entity';

/**
 * `funnel_rollup` per UTC hour: the whole hours of a range's cut days are read from here. Kept
 * by difference by the funnel projector. The key columns come first, in the primary key's order.
 */
@Entity('funnel_rollup_hour')
export class FunnelRollupHourEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_rollup_hour' })
  category: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_rollup_hour' })
  channel: string;

  @PrimaryColumn('timestamptz', { primaryKeyConstraintName: 'PK_funnel_rollup_hour' })
  hour: Date;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_rollup_hour' })
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
