import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Category, Channel, TipStage } from '@app/contracts';

export interface TipEntitiesFound {
  phones: string[];
  plates: string[];
  addresses: string[];
}

@Entity('tips')
@Index('tips_stage_changed_idx', ['stage', 'stageChangedAt'])
@Index('tips_ward_received_idx', ['ward', 'receivedAt'])
@Index('tips_received_idx', ['receivedAt', 'id'])
@Index('tips_lead_idx', ['leadId'])
@Index('tips_duplicate_of_idx', ['duplicateOf'])
@Index('tips_case_idx', ['caseId'])
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

  /** pg_trgm's trigrams of `description_norm` as sorted hashes, kept by the database. */
  @Column({
    type: 'int4',
    name: 'description_trgm',
    array: true,
    nullable: true,
    generatedType: 'STORED',
    asExpression: 'tt_trgm(description_norm)',
    insert: false,
    update: false,
  })
  descriptionTrgm: number[] | null;

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

  @Column('jsonb', { nullable: true })
  entities: TipEntitiesFound | null;

  @Column('int', { nullable: true })
  priority: number | null;

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

  @Column('text', { name: 'external_ref', nullable: true, unique: true })
  externalRef: string | null;

  @Column('text', { name: 'idempotency_key', nullable: true, unique: true })
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
}
