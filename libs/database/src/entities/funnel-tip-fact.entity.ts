import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What each tip last added to the funnel: its UTC hour, ward and grain, its duration buckets
 * (tt_bucket of received → triaged and → claimed), the counts it is in, its case and the outcome
 * carried onto it. The funnel projector adds to the rollups only the difference between a
 * changed tip and these facts, in the transaction that records the new ones. The whole hours of
 * a report's cut days are read from here by hour (any grain). Derived.
 *
 * `funnel_tip_facts_hour_idx` is `(hour) INCLUDE (every column but tip_id)`, so the hours are
 * read index-only; TypeORM has no INCLUDE, so it is declared with `synchronize: false` (built by
 * its migration, 1796000370000-FunnelHoursFromFacts).
 */
@Entity('funnel_tip_facts')
@Index('funnel_tip_facts_case_idx', ['caseId'], { where: 'case_id IS NOT NULL' })
@Index('funnel_tip_facts_hour_idx', { synchronize: false })
export class FunnelTipFactEntity {
  @PrimaryColumn('uuid', { name: 'tip_id', primaryKeyConstraintName: 'PK_funnel_tip_facts' })
  tipId: string;

  @Column('timestamptz')
  hour: Date;

  @Column('text')
  ward: string;

  @Column('text')
  category: string;

  @Column('text')
  channel: string;

  @Column('smallint', { nullable: true })
  tb: number | null;

  @Column('smallint', { nullable: true })
  cb: number | null;

  @Column('boolean')
  actionable: boolean;

  @Column('boolean')
  duplicate: boolean;

  @Column('boolean')
  rejected: boolean;

  @Column('boolean', { name: 'needs_review' })
  needsReview: boolean;

  @Column('uuid', { name: 'case_id', nullable: true })
  caseId: string | null;

  @Column('boolean')
  solved: boolean;

  @Column('int')
  arrests: number;
}
