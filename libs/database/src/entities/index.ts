import { ArrestEntity } from './arrest.entity';
import { CaseEventEntity } from './case-event.entity';
import { CaseEntity } from './case.entity';
import { DeadLetterEntity } from './dead-letter.entity';
import { LeadEntity } from './lead.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { TipEntityValueEntity } from './tip-entity-value.entity';
import { TipEventEntity } from './tip-event.entity';
import { TipMessageEntity } from './tip-message.entity';
import { TipEntity } from './tip.entity';
import { UserEntity } from './user.entity';

export * from './arrest.entity';
export * from './case-event.entity';
export * from './case.entity';
export * from './dead-letter.entity';
export * from './lead.entity';
export * from './outbox-message.entity';
export * from './tip-entity-value.entity';
export * from './tip-event.entity';
export * from './tip-message.entity';
export * from './tip.entity';
export * from './user.entity';

export const ENTITIES = [
  TipEntity,
  TipEntityValueEntity,
  TipEventEntity,
  LeadEntity,
  CaseEntity,
  OutboxMessageEntity,
  DeadLetterEntity,
  ArrestEntity,
  CaseEventEntity,
  TipMessageEntity,
  UserEntity,
];
