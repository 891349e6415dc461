import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A duration histogram: tt_bucket(seconds) (log scale, ratio 1.25 per bucket) → number of tips,
 * so medians merge across rows.
 */
export type DurationHistogram = Record<string, number>;

/**
 * The funnel per UTC day, ward, category and channel, plus '*' rows for any category and/or
 * channel. Derived from the tips by the funnel projector, which can rebuild it at any time.
 * The key columns come first, in the primary key's order (category, channel, day, ward).
 */
@Entity('funnel_rollup')
@Index('funnel_rollup_ward_day_idx', ['ward', 'day'])
export class FunnelRollupEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_rollup' })
  category: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_rollup' })
  channel: string;

  @PrimaryColumn('date', { primaryKeyConstraintName: 'PK_funnel_rollup' })
  day: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'PK_funnel_rollup' })
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

  /** Received → triaged. */
  @Column('jsonb', { name: 'triage_hist', default: {} })
  triageHist: DurationHistogram;

  /** Received → claimed. */
  @Column('jsonb', { name: 'claim_hist', default: {} })
  claimHist: DurationHistogram;
}
