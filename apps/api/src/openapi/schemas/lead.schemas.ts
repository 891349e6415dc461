import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CaseViewSchema } from './case.schemas';
import {
  ExplainedReasonSchema,
  ID,
  ID_OR_NULL,
  TEXT_OR_NULL,
  TIME,
  TIME_OR_NULL,
} from './common.schemas';

export const LEAD_STAGES = ['open', 'claimed', 'linked', 'dismissed'] as const;

@ApiSchema({ name: 'CaseSuggestion', description: 'An open case the lead may belong to.' })
export class CaseSuggestionSchema {
  @ApiProperty(ID)
  caseId: string;

  @ApiProperty({ type: Number, minimum: 0 })
  score: number;

  @ApiProperty({ type: [String], description: 'One English line per reason.' })
  reasons: string[];

  @ApiProperty({ type: () => [ExplainedReasonSchema] })
  reasonDetails: ExplainedReasonSchema[];
}

@ApiSchema({ name: 'LeadView' })
export class LeadViewSchema {
  @ApiProperty(ID)
  id: string;

  @ApiProperty({ enum: LEAD_STAGES, enumName: 'LeadStage' })
  stage: (typeof LEAD_STAGES)[number];

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  priority: number;

  @ApiProperty({
    description: 'A tip of the lead names an immediate threat to life: claimed before others.',
  })
  urgent: boolean;

  @ApiProperty({ type: Number, description: 'The priority with the points of its age.' })
  effectivePriority: number;

  @ApiProperty()
  ward: string;

  @ApiProperty()
  category: string;

  @ApiProperty({ ...ID, isArray: true })
  tipIds: string[];

  @ApiProperty({ type: () => [CaseSuggestionSchema] })
  suggestions: CaseSuggestionSchema[];

  @ApiProperty({ ...ID_OR_NULL, description: 'The claimer (a user id) while the lease holds.' })
  claimedBy: string | null;

  @ApiProperty(TIME_OR_NULL)
  claimedAt: string | null;

  @ApiProperty(TIME_OR_NULL)
  leaseExpiresAt: string | null;

  @ApiProperty(ID_OR_NULL)
  caseId: string | null;

  @ApiProperty(TEXT_OR_NULL)
  dismissedReason: string | null;

  @ApiProperty(TIME)
  openedAt: string;
}

@ApiSchema({ name: 'LeadPage' })
export class LeadPageSchema {
  @ApiProperty({ type: () => [LeadViewSchema] })
  items: LeadViewSchema[];

  @ApiProperty({ ...ID_OR_NULL, description: 'Pass as `cursor` for the next page.' })
  nextCursor: string | null;
}

@ApiSchema({ name: 'LeadLinked' })
export class LeadLinkedSchema {
  @ApiProperty({ type: () => LeadViewSchema })
  lead: LeadViewSchema;

  @ApiProperty({ type: () => CaseViewSchema })
  case: CaseViewSchema;
}
