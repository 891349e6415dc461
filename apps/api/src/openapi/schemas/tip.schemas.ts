import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CATEGORIES, CHANNELS, TIP_STAGES } from '@app/contracts';
import type { Category, Channel, TipStage } from '@app/contracts';
import {
  COUNT,
  DETAIL,
  ExplainedReasonSchema,
  ID,
  ID_OR_NULL,
  LocalizedTextSchema,
  TEXT_OR_NULL,
  TIME,
  TIME_OR_NULL,
} from './common.schemas';

@ApiSchema({ name: 'TipLocation' })
export class TipLocationSchema {
  @ApiProperty(TEXT_OR_NULL)
  address: string | null;

  @ApiProperty({ type: Number, nullable: true })
  lat: number | null;

  @ApiProperty({ type: Number, nullable: true })
  lng: number | null;
}

@ApiSchema({ name: 'TipTriage', description: 'What triage recommended, and what people decided.' })
export class TipTriageSchema {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  priority: number;

  @ApiProperty({ description: 'The text names an immediate threat to life or safety.' })
  urgent: boolean;

  @ApiProperty({ type: [String], description: 'One English line per reason.' })
  reasons: string[];

  @ApiProperty({ type: () => [ExplainedReasonSchema] })
  reasonDetails: ExplainedReasonSchema[];

  @ApiProperty({ ...ID_OR_NULL, description: 'The tip this one duplicates.' })
  duplicateOf: string | null;

  @ApiProperty({
    ...TEXT_OR_NULL,
    description: "A code for triage's own rejections, or the reason a person gave.",
  })
  rejectedReason: string | null;

  @ApiProperty({ type: () => LocalizedTextSchema, nullable: true })
  rejectedReasonText: LocalizedTextSchema | null;

  @ApiProperty({
    ...TEXT_OR_NULL,
    description: 'Why triage sent the tip to a person (a code), while it waits in needs_review.',
  })
  reviewReason: string | null;

  @ApiProperty({ type: () => LocalizedTextSchema, nullable: true })
  reviewReasonText: LocalizedTextSchema | null;
}

@ApiSchema({ name: 'TipOutcome', description: 'What became of the case the tip is linked to.' })
export class TipOutcomeSchema {
  @ApiProperty({ type: String, nullable: true, enum: ['open', 'resolved'] })
  caseStatus: string | null;

  @ApiProperty({ type: String, nullable: true, enum: ['solved', 'unfounded'] })
  resolution: string | null;

  @ApiProperty(COUNT)
  arrests: number;
}

@ApiSchema({
  name: 'TipView',
  description: "A tip: never the tipster's identity, only whether there is one.",
})
export class TipViewSchema {
  @ApiProperty(ID)
  id: string;

  @ApiProperty({ example: 'TT-26-7KQ3M9XA' })
  reference: string;

  @ApiProperty({ enum: TIP_STAGES, enumName: 'TipStage' })
  stage: TipStage;

  @ApiProperty({ enum: CHANNELS, enumName: 'Channel' })
  channel: Channel;

  @ApiProperty({ enum: CATEGORIES, enumName: 'Category' })
  category: Category;

  @ApiProperty()
  ward: string;

  @ApiProperty()
  description: string;

  @ApiProperty(TIME_OR_NULL)
  occurredAt: string | null;

  @ApiProperty({ type: () => TipLocationSchema, nullable: true })
  location: TipLocationSchema | null;

  @ApiProperty()
  anonymous: boolean;

  @ApiProperty({ description: 'The tipster left a way to be contacted.' })
  hasContact: boolean;

  @ApiProperty({ description: "From a district's earlier register (POST /api/tips/import)." })
  imported: boolean;

  @ApiProperty(TEXT_OR_NULL)
  externalRef: string | null;

  @ApiProperty(TIME)
  receivedAt: string;

  @ApiProperty(TIME_OR_NULL)
  triagedAt: string | null;

  @ApiProperty(TIME_OR_NULL)
  leadOpenAt: string | null;

  @ApiProperty(TIME_OR_NULL)
  claimedAt: string | null;

  @ApiProperty(TIME_OR_NULL)
  linkedAt: string | null;

  @ApiProperty(TIME_OR_NULL)
  dismissedAt: string | null;

  @ApiProperty({
    ...TIME_OR_NULL,
    description:
      'When a decision (link to a case or dismissal) is due: receivedAt + DECISION_DAYS, set ' +
      'when the tip reaches a lead, later by each extension. Null before a lead.',
  })
  decisionDueAt: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 2, description: 'Extensions so far.' })
  decisionExtensions: number;

  @ApiProperty({ description: 'Past decisionDueAt now, and neither linked nor dismissed.' })
  overdue: boolean;

  @ApiProperty({ type: () => TipTriageSchema, nullable: true, description: 'Null until triaged.' })
  triage: TipTriageSchema | null;

  @ApiProperty(ID_OR_NULL)
  leadId: string | null;

  @ApiProperty({ ...ID, isArray: true })
  caseIds: string[];

  @ApiProperty({ type: () => TipOutcomeSchema })
  outcome: TipOutcomeSchema;

  @ApiProperty({ ...COUNT, description: 'Files given with the tip.' })
  attachmentCount: number;
}

@ApiSchema({ name: 'TipAccepted' })
export class TipAcceptedSchema {
  @ApiProperty(ID)
  id: string;

  @ApiProperty({ example: 'TT-26-7KQ3M9XA' })
  reference: string;

  @ApiProperty({ enum: ['received'] })
  stage: 'received';

  @ApiProperty({
    required: false,
    description: 'With `followUp: true` only: shown this once, stored only as a hash.',
  })
  followUpCode?: string;
}

@ApiSchema({ name: 'TipPage' })
export class TipPageSchema {
  @ApiProperty({ type: () => [TipViewSchema] })
  items: TipViewSchema[];

  @ApiProperty({ ...TEXT_OR_NULL, description: 'Pass as `cursor` for the next page.' })
  nextCursor: string | null;
}

@ApiSchema({ name: 'TipImported' })
export class TipImportedSchema {
  @ApiProperty(COUNT)
  accepted: number;

  @ApiProperty({ ...COUNT, description: 'Records whose externalRef was imported before.' })
  skipped: number;

  @ApiProperty({ ...ID, isArray: true })
  ids: string[];
}

@ApiSchema({ name: 'TraceEvent' })
export class TraceEventSchema {
  @ApiProperty(TIME)
  at: string;

  @ApiProperty({ example: 'triaged' })
  type: string;

  @ApiProperty(TEXT_OR_NULL)
  actor: string | null;

  @ApiProperty(DETAIL)
  detail: Record<string, unknown>;

  @ApiProperty({ type: () => LocalizedTextSchema, description: 'The event as one line.' })
  text: LocalizedTextSchema;
}

@ApiSchema({
  name: 'TipTrace',
  description:
    'The whole path of a tip, oldest event first. Event types are open: besides those of the ' +
    'contract, `imported` (an imported tip entering TipTrace) and the decisions of people.',
})
export class TipTraceSchema {
  @ApiProperty({ type: () => TipViewSchema })
  tip: TipViewSchema;

  @ApiProperty({
    description:
      "From a district's earlier register (POST /api/tips/import), not taken live: its `received` " +
      'event keeps the original time and an `imported` event marks when it came in.',
  })
  imported: boolean;

  @ApiProperty({
    ...TIME_OR_NULL,
    description: 'When an imported tip entered TipTrace (the time of its `imported` event).',
  })
  importedAt: string | null;

  @ApiProperty({ type: () => [TraceEventSchema] })
  events: TraceEventSchema[];
}

@ApiSchema({ name: 'TipMessage' })
export class TipMessageSchema {
  @ApiProperty(ID)
  id: string;

  @ApiProperty({ enum: ['to_tipster', 'from_tipster'] })
  direction: 'to_tipster' | 'from_tipster';

  @ApiProperty()
  body: string;

  @ApiProperty(TEXT_OR_NULL)
  author: string | null;

  @ApiProperty(TIME)
  createdAt: string;
}

@ApiSchema({ name: 'TipsterIdentity', description: 'Only the parts the tipster gave.' })
export class TipsterIdentitySchema {
  @ApiProperty({ required: false })
  name?: string;

  @ApiProperty({ required: false })
  phone?: string;

  @ApiProperty({ required: false })
  email?: string;
}

@ApiSchema({ name: 'PublicTipAccepted' })
export class PublicTipAcceptedSchema {
  @ApiProperty({ example: 'TT-26-7KQ3M9XA' })
  reference: string;

  @ApiProperty({
    description:
      'Shown this once: the only way back to the tip. Five groups of five Crockford base32 ' +
      'characters, the last one a check character; typed back in any case, with or without ' +
      'dashes or spaces.',
    example: '7KQ3M-9XA1B-2C3D4-E5F6G-7H8JM',
  })
  followUpCode: string;
}

@ApiSchema({ name: 'PublicMessage' })
export class PublicMessageSchema {
  @ApiProperty({ enum: ['to_tipster', 'from_tipster'] })
  direction: 'to_tipster' | 'from_tipster';

  @ApiProperty()
  body: string;

  @ApiProperty(TIME)
  createdAt: string;
}

@ApiSchema({
  name: 'PublicTipView',
  description: 'The coarse status and the thread, nothing else.',
})
export class PublicTipViewSchema {
  @ApiProperty({ enum: ['received', 'under_review', 'closed'] })
  status: 'received' | 'under_review' | 'closed';

  @ApiProperty({ type: () => [PublicMessageSchema] })
  messages: PublicMessageSchema[];
}
