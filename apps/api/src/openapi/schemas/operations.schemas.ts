import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CASE_KINDS, CATEGORIES, CHANNELS, QueueName, SEVERITIES } from '@app/contracts';
import type { CaseKind, Category, Channel, Severity } from '@app/contracts';
import { COUNT, LocalizedTextSchema, TEXT_OR_NULL, TIME } from './common.schemas';

@ApiSchema({ name: 'Alive' })
export class AliveSchema {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}

@ApiSchema({ name: 'Reference', description: 'The fixed lists intake accepts.' })
export class ReferenceSchema {
  @ApiProperty()
  district: string;

  @ApiProperty({ enum: CHANNELS, enumName: 'Channel', isArray: true })
  channels: readonly Channel[];

  @ApiProperty({ enum: CATEGORIES, enumName: 'Category', isArray: true })
  categories: readonly Category[];

  @ApiProperty({
    type: 'object',
    description: 'Each category by name, in both languages.',
    additionalProperties: { $ref: '#/components/schemas/LocalizedText' },
  })
  categoryLabels: Record<Category, LocalizedTextSchema>;

  @ApiProperty({ type: [String], description: 'The configured wards of the district.' })
  wards: string[];

  @ApiProperty({ enum: CASE_KINDS, enumName: 'CaseKind', isArray: true })
  caseKinds: readonly CaseKind[];

  @ApiProperty({ enum: SEVERITIES, enumName: 'Severity', isArray: true })
  severities: readonly Severity[];
}

@ApiSchema({ name: 'QueueHealth' })
export class QueueHealthSchema {
  @ApiProperty({ enum: QueueName, enumName: 'QueueName' })
  name: QueueName;

  @ApiProperty(COUNT)
  waiting: number;

  @ApiProperty(COUNT)
  active: number;

  @ApiProperty(COUNT)
  delayed: number;

  @ApiProperty({ ...COUNT, description: 'Jobs BullMQ holds as failed after their last attempt.' })
  failed: number;

  @ApiProperty(COUNT)
  deadLetters: number;
}

@ApiSchema({ name: 'OutboxBacklog' })
export class OutboxBacklogSchema {
  @ApiProperty(COUNT)
  pending: number;

  @ApiProperty({ type: Number, nullable: true })
  oldestSeconds: number | null;
}

@ApiSchema({ name: 'DeadLetter', description: 'Error name and message only, never a payload.' })
export class DeadLetterSchema {
  @ApiProperty()
  queue: string;

  @ApiProperty()
  jobId: string;

  @ApiProperty(TEXT_OR_NULL)
  tipId: string | null;

  @ApiProperty()
  error: string;

  @ApiProperty(COUNT)
  attempts: number;

  @ApiProperty(TIME)
  failedAt: string;
}

@ApiSchema({ name: 'QueueHealthView' })
export class QueueHealthViewSchema {
  @ApiProperty(TIME)
  at: string;

  @ApiProperty({ type: () => [QueueHealthSchema] })
  queues: QueueHealthSchema[];

  @ApiProperty({ type: () => OutboxBacklogSchema })
  outbox: OutboxBacklogSchema;

  @ApiProperty({ type: () => [DeadLetterSchema] })
  recentDeadLetters: DeadLetterSchema[];
}
