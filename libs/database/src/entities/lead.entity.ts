import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Category } from '@app/contracts';

export type LeadStage = 'open' | 'claimed' | 'linked' | 'dismissed';

export interface CaseSuggestion {
  caseId: string;
  score: number;
  /** English lines, one per reason. */
  reasons: string[];
  /** The same reasons as codes with their parameters (explained in both languages by the API). */
  codes?: { code: string; params?: Record<string, string | number> }[];
}

@Entity('leads')
@Index('leads_stage_priority_idx', ['stage', 'priority'])
@Index('leads_case_idx', ['caseId'])
@Index('leads_lease_idx', ['leaseExpiresAt'], { where: `stage = 'claimed'` })
// The claim queue, in claim order for every lead whose rank is not due: (urgent DESC,
// (priority + age_points) DESC, opened_at, id) over the open leads. An expression index, built by
// its migration (1796000200000-ClaimRank).
@Index('leads_claim_queue_idx', { synchronize: false })
// The open leads whose rank is due (the claim reads them all and ranks them by the formula).
@Index('leads_rank_due_idx', ['rankDueAt'], { where: `stage = 'open'` })
// The urgent leads, claimed before all others.
@Index('leads_urgent_queue_idx', ['priority', 'openedAt', 'id'], {
  where: `stage = 'open' AND urgent`,
})
export class LeadEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  stage: LeadStage;

  @Column('int')
  priority: number;

  @Column('text')
  ward: string;

  @Column('text')
  category: Category;

  /** The tip that opened the lead; unique so a redelivered job can never open a second one. */
  @Column('uuid', { name: 'origin_tip_id', unique: true })
  originTipId: string;

  @Column('jsonb', { default: [] })
  suggestions: CaseSuggestion[];

  /** Set when one of its tips names an immediate threat to life. */
  @Column('boolean', { default: false })
  urgent: boolean;

  @Column('text', { name: 'claimed_by', nullable: true })
  claimedBy: string | null;

  @Column('timestamptz', { name: 'claimed_at', nullable: true })
  claimedAt: Date | null;

  @Column('timestamptz', { name: 'lease_expires_at', nullable: true })
  leaseExpiresAt: Date | null;

  @Column('uuid', { name: 'case_id', nullable: true })
  caseId: string | null;

  @Column('text', { name: 'dismissed_reason', nullable: true })
  dismissedReason: string | null;

  @Column('timestamptz', { name: 'opened_at', default: () => 'now()' })
  openedAt: Date;

  /** The points waiting has earned the lead, as last ranked (effective = priority + these). */
  @Column('smallint', { name: 'age_points', default: 0 })
  agePoints: number;

  /** When `age_points` next goes up: infinity once capped, -infinity when not yet ranked. */
  @Column('timestamptz', { name: 'rank_due_at', default: () => "'-infinity'" })
  rankDueAt: Date;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt: Date;
}
