import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CaseKind, Category, Severity } from '@app/contracts';

@Entity('cases')
@Index('cases_status_ward_idx', ['status', 'ward'])
@Index('cases_occurred_idx', ['occurredAt'])
@Index('cases_status_kind_idx', ['status', 'kind'])
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

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;
}
