import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of the audit log: who (in which role) did what to which entity, and how it went.
 * Append-only whoever the role: the `audit_log_no_change` (BEFORE UPDATE OR DELETE) and
 * `audit_log_no_truncate` triggers refuse any change. TypeORM has no notion of triggers and neither
 * reads nor drops them.
 */
@Entity('audit_log')
@Index('audit_log_entity_idx', ['entityType', 'entityId', 'id'])
@Index('audit_log_actor_idx', ['actor', 'id'])
@Index('audit_log_at_idx', ['at'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_audit_log' })
  id: string;

  @Column('timestamptz')
  at: Date;

  /** User id, or a process name such as 'triage' for the pipeline's own steps. */
  @Column('text', { nullable: true })
  actor: string | null;

  @Column('text', { nullable: true })
  role: string | null;

  /** e.g. 'tip.received', 'lead.claimed', 'tipster.revealed', 'auth.login_failed'. */
  @Column('text')
  action: string;

  @Column('text', { name: 'entity_type' })
  entityType: string;

  @Column('text', { name: 'entity_id', nullable: true })
  entityId: string | null;

  @Column('text')
  outcome: 'success' | 'denied' | 'failure';

  @Column('text', { nullable: true })
  reason: string | null;

  /** Ids and codes only: never tip text, tipster identity or message bodies. */
  @Column('jsonb', { default: {} })
  detail: Record<string, unknown>;
}
