import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * One link of the audit log's hash chain, written by the sealer: hash = sha256(previous hash +
 * the entry's canonical form). Append-only like the log (`audit_chain_no_change` and
 * `audit_chain_no_truncate` triggers, which TypeORM neither reads nor drops).
 */
@Entity('audit_chain')
@Unique('UQ_audit_chain_entry', ['entryId'])
export class AuditChainLinkEntity {
  @PrimaryColumn('bigint', { primaryKeyConstraintName: 'PK_audit_chain' })
  seq: string;

  /** The audit_log row this link seals. */
  @Column('bigint', { name: 'entry_id' })
  entryId: string;

  @Column('text', { name: 'prev_hash' })
  prevHash: string;

  @Column('text')
  hash: string;

  @Column('timestamptz', { name: 'sealed_at', default: () => 'now()' })
  sealedAt: Date;
}
