import { ArrestEntity } from './arrest.entity';
import { AttachmentChunkEntity } from './attachment-chunk.entity';
import { AttachmentEntity } from './attachment.entity';
import { AuditChainLinkEntity } from './audit-chain.entity';
import { AuditLogEntity } from './audit-log.entity';
import { CaseEventEntity } from './case-event.entity';
import { CaseFactEntity } from './case-fact.entity';
import { CaseRollupEntity } from './case-rollup.entity';
import { CaseEntity } from './case.entity';
import { DeadLetterEntity } from './dead-letter.entity';
import { FunnelCaseFirstEntity } from './funnel-case-first.entity';
import { FunnelCaseKeyEntity } from './funnel-case-key.entity';
import { FunnelRollupMonthEntity } from './funnel-rollup-month.entity';
import { FunnelRollupEntity } from './funnel-rollup.entity';
import { FunnelTipFactEntity } from './funnel-tip-fact.entity';
import { LeadEntity } from './lead.entity';
import { NotificationCheckEntity } from './notification-check.entity';
import { NotificationJobPendingEntity } from './notification-job-pending.entity';
import { NotificationEntity } from './notification.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { ReportWatermarkEntity } from './report-watermark.entity';
import { TipEntityValueEntity } from './tip-entity-value.entity';
import { TipSearchEntity } from './tip-search.entity';
import { TipEventEntity } from './tip-event.entity';
import { TipMessageEntity } from './tip-message.entity';
import { TipEntity } from './tip.entity';
import { UserEntity } from './user.entity';

export * from './arrest.entity';
export * from './attachment-chunk.entity';
export * from './attachment.entity';
export * from './audit-chain.entity';
export * from './audit-log.entity';
export * from './case-event.entity';
export * from './case-fact.entity';
export * from './case-rollup.entity';
export * from './case.entity';
export * from './dead-letter.entity';
export * from './funnel-case-first.entity';
export * from './funnel-case-key.entity';
export * from './funnel-rollup-month.entity';
export * from './funnel-rollup.entity';
export * from './funnel-tip-fact.entity';
export * from './lead.entity';
export * from './notification-check.entity';
export * from './notification-job-pending.entity';
export * from './notification.entity';
export * from './outbox-message.entity';
export * from './report-watermark.entity';
export * from './tip-entity-value.entity';
export * from './tip-search.entity';
export * from './tip-event.entity';
export * from './tip-message.entity';
export * from './tip.entity';
export * from './user.entity';

/**
 * One entity per table of the migrated schema, true to it: column names, types, nullability and
 * defaults, keys, indexes (partial ones with their predicate), constraints and generated columns.
 * tests/integration/schema-entities.int-spec.ts fails on any difference.
 */
export const ENTITIES = [
  TipEntity,
  TipEntityValueEntity,
  TipSearchEntity,
  TipEventEntity,
  TipMessageEntity,
  LeadEntity,
  CaseEntity,
  CaseEventEntity,
  ArrestEntity,
  UserEntity,
  OutboxMessageEntity,
  DeadLetterEntity,
  AuditLogEntity,
  AuditChainLinkEntity,
  ReportWatermarkEntity,
  FunnelRollupEntity,
  FunnelRollupMonthEntity,
  FunnelCaseKeyEntity,
  FunnelCaseFirstEntity,
  FunnelTipFactEntity,
  CaseFactEntity,
  CaseRollupEntity,
  AttachmentEntity,
  AttachmentChunkEntity,
  NotificationEntity,
  NotificationCheckEntity,
  NotificationJobPendingEntity,
];
