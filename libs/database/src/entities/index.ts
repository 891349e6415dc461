import { CaseEntity } from './case.entity';
import { DeadLetterEntity } from './dead-letter.entity';
import { LeadEntity } from './lead.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { TipEntityValueEntity } from './tip-entity-value.entity';
import { TipEventEntity } from './tip-event.entity';
import { TipEntity } from './tip.entity';

export * from './case.entity';
export * from './dead-letter.entity';
export * from './lead.entity';
export * from './outbox-message.entity';
export * from './tip-entity-value.entity';
export * from './tip-event.entity';
export * from './tip.entity';

export const ENTITIES = [
  TipEntity,
  TipEntityValueEntity,
  TipEventEntity,
  LeadEntity,
  CaseEntity,
  OutboxMessageEntity,
  DeadLetterEntity,
];
