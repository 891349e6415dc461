import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CaseKind, Category, Severity } from '@app/contracts';

/**
 * A case. The `cases_touch` trigger (tt_tips_touch(), BEFORE UPDATE) sets `changed_at` on every
 * update; TypeORM has no notion of triggers and neither reads nor drops them.
 */
@Entity('cases')
@Index('cases_status_ward_idx', ['status', 'ward'])
@Index('cases_occurred_idx', ['occurredAt'])
@Index('cases_status_kind_idx', ['status', 'kind'])
@Index('cases_resolved_at_idx', ['resolvedAt'], { where: `"status" = 'resolved'` })
@Index('cases_changed_idx', ['changedAt'])
@Index('cases_assignee_idx', ['assigneeId'], { where: 'assignee_id IS NOT NULL' })
export class CaseEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  title: string;

  @Column('text')
  kind: CaseKind;

  @Column('text')
  category: Category;

  @Column('text')
  severity: Severity;

  @Column('text')
  ward: string;

  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  @Column('text')
  status: 'open' | 'resolved';

  @Column('text', { nullable: true })
  resolution: 'solved' | 'unfounded' | null;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;

  @Column('timestamptz', { name: 'reopened_at', nullable: true })
  reopenedAt: Date | null;

  @Column('text', { name: 'created_by', nullable: true })
  createdBy: string | null;

  /** The investigator who works the case: its opener until a supervisor assigns someone else. */
  @Column('uuid', { name: 'assignee_id', nullable: true })
  assigneeId: string | null;

  /** While set, retention leaves the identities and messages of the case's tips alone. */
  @Column('boolean', { name: 'legal_hold', default: false })
  legalHold: boolean;

  @Column('timestamptz', { name: 'legal_hold_at', nullable: true })
  legalHoldAt: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  /** Set by the `cases_touch` trigger; the reporting projector reads the cases changed since. */
  @Column('timestamptz', { name: 'changed_at', default: () => 'now()' })
  changedAt: Date;
}
