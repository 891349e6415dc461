import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Category, Channel, TipStage } from '@app/contracts';

export interface TipEntitiesFound {
  phones: string[];
  plates: string[];
  addresses: string[];
}

/**
 * A tip. The `tips_touch` trigger (tt_tips_touch(), BEFORE UPDATE, WHEN a column the funnel reads
 * changes) sets `changed_at`; TypeORM has no notion of triggers and neither reads nor drops them.
 *
 * An update that cannot be HOT writes the row into every index, so the indexes are few: columns
 * empty for most of a tip's life are indexed only where set, and the reconciler's index holds
 * only the tips waiting for a stage. The table's fillfactor (85) is set by its migration.
 */
@Entity('tips')
// The tips waiting for triage or linkage, by how long (the stage reconciler).
@Index('tips_waiting_idx', ['stage', 'stageChangedAt'], {
  where: `stage IN ('received', 'triaged')`,
})
@Index('tips_ward_received_idx', ['ward', 'receivedAt'])
@Index('tips_received_idx', ['receivedAt', 'id'])
@Index('tips_lead_idx', ['leadId'], { where: 'lead_id IS NOT NULL' })
@Index('tips_duplicate_of_idx', ['duplicateOf'], { where: 'duplicate_of IS NOT NULL' })
@Index('tips_case_idx', ['caseId'], { where: 'case_id IS NOT NULL' })
@Index('tips_changed_idx', ['changedAt'])
@Index('tips_external_ref_uq', ['externalRef'], {
  unique: true,
  where: 'external_ref IS NOT NULL',
})
@Index('tips_idempotency_key_uq', ['idempotencyKey'], {
  unique: true,
  where: 'idempotency_key IS NOT NULL',
})
@Index('tips_follow_up_lookup_uq', ['followUpLookup'], {
  unique: true,
  where: '"follow_up_lookup" IS NOT NULL',
})
// The tips waiting for a person, oldest first.
@Index('tips_review_queue_idx', ['receivedAt', 'id'], { where: `stage = 'needs_review'` })
// The tips on a lead still waiting for a decision, by deadline (the overdue list and count).
@Index('tips_decision_due_idx', ['decisionDueAt'], {
  where: `stage IN ('duplicate', 'lead_open', 'lead_claimed')`,
})
export class TipEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { unique: true })
  reference: string;

  @Column('text')
  stage: TipStage;

  @Column('text')
  channel: Channel;

  @Column('text')
  category: Category;

  @Column('text')
  ward: string;

  @Column('text')
  description: string;

  /** Case- and diacritic-folded text used for matching; the original is kept as given. */
  @Column('text', { name: 'description_norm', nullable: true })
  descriptionNorm: string | null;

  @Column('timestamptz', { name: 'occurred_at', nullable: true })
  occurredAt: Date | null;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt: Date;

  @Column('text', { name: 'location_address', nullable: true })
  locationAddress: string | null;

  @Column('double precision', { name: 'location_lat', nullable: true })
  locationLat: number | null;

  @Column('double precision', { name: 'location_lng', nullable: true })
  locationLng: number | null;

  @Column('boolean')
  anonymous: boolean;

  @Column('boolean', { name: 'has_contact' })
  hasContact: boolean;

  /** AES-256-GCM ciphertext of the tipster's identity; never read on normal paths. */
  @Column('bytea', { name: 'tipster_cipher', nullable: true, select: false })
  tipsterCipher: Buffer | null;

  @Column('text', { name: 'tipster_key_id', nullable: true, select: false })
  tipsterKeyId: string | null;

  /** When retention erased the tipster's identity and the messages. */
  @Column('timestamptz', { name: 'identity_purged_at', nullable: true })
  identityPurgedAt: Date | null;

  /** Anonymous follow-up: the non-secret lookup id of the tipster's code, unique where set. */
  @Column('text', { name: 'follow_up_lookup', nullable: true })
  followUpLookup: string | null;

  /** argon2id hash of the code's secret part, read only to check a code. */
  @Column('text', { name: 'follow_up_hash', nullable: true, select: false })
  followUpHash: string | null;

  @Column('jsonb', { nullable: true })
  entities: TipEntitiesFound | null;

  @Column('int', { nullable: true })
  priority: number | null;

  /** A tip naming an immediate threat to life; its lead is urgent too. */
  @Column('boolean', { default: false })
  urgent: boolean;

  /** Why triage left the tip to a person (stage `needs_review`). */
  @Column('text', { name: 'review_reason', nullable: true })
  reviewReason: string | null;

  @Column('jsonb', { name: 'triage_reasons', nullable: true })
  triageReasons: string[] | null;

  @Column('uuid', { name: 'duplicate_of', nullable: true })
  duplicateOf: string | null;

  @Column('text', { name: 'rejected_reason', nullable: true })
  rejectedReason: string | null;

  @Column('uuid', { name: 'lead_id', nullable: true })
  leadId: string | null;

  @Column('boolean', { default: false })
  imported: boolean;

  @Column('text', { name: 'external_ref', nullable: true })
  externalRef: string | null;

  @Column('text', { name: 'idempotency_key', nullable: true })
  idempotencyKey: string | null;

  @Column('text', { name: 'request_hash', nullable: true })
  requestHash: string | null;

  @Column('text', { name: 'submitted_by', nullable: true })
  submittedBy: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'triaged_at', nullable: true })
  triagedAt: Date | null;

  @Column('timestamptz', { name: 'lead_open_at', nullable: true })
  leadOpenAt: Date | null;

  @Column('timestamptz', { name: 'claimed_at', nullable: true })
  claimedAt: Date | null;

  @Column('timestamptz', { name: 'linked_at', nullable: true })
  linkedAt: Date | null;

  @Column('timestamptz', { name: 'dismissed_at', nullable: true })
  dismissedAt: Date | null;

  /** When a decision on the tip is due: its receipt + DECISION_DAYS, set when it reaches a lead. */
  @Column('timestamptz', { name: 'decision_due_at', nullable: true })
  decisionDueAt: Date | null;

  /** How many times a supervisor moved the deadline later (at most twice). */
  @Column('int', { name: 'decision_extensions', default: 0 })
  decisionExtensions: number;

  /** The case the tip's lead was linked to, and its outcome as last projected onto the tip. */
  @Column('uuid', { name: 'case_id', nullable: true })
  caseId: string | null;

  @Column('text', { name: 'case_status', nullable: true })
  caseStatus: 'open' | 'resolved' | null;

  @Column('text', { name: 'case_resolution', nullable: true })
  caseResolution: 'solved' | 'unfounded' | null;

  @Column('int', { default: 0 })
  arrests: number;

  @Column('timestamptz', { name: 'stage_changed_at', default: () => 'now()' })
  stageChangedAt: Date;

  /**
   * Set by the `tips_touch` trigger when a column the funnel reads changes; the funnel projector
   * reads the tips changed since its last pass.
   */
  @Column('timestamptz', { name: 'changed_at', default: () => 'now()' })
  changedAt: Date;
}
