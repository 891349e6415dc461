import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { DETAIL, TEXT_OR_NULL, TIME } from './common.schemas';

@ApiSchema({ name: 'AuditEntry' })
export class AuditEntrySchema {
  @ApiProperty({ description: 'The entry sequence number, as text.', example: '1042' })
  id: string;

  @ApiProperty(TIME)
  at: string;

  @ApiProperty({
    ...TEXT_OR_NULL,
    description:
      "Who, as the step that wrote the entry named them: a user's id (reads, sign-ins, account " +
      "changes), a username (work on tips, leads and cases) or a process's name (`retention`…).",
  })
  actor: string | null;

  @ApiProperty({
    ...TEXT_OR_NULL,
    description:
      "The actor's username when the actor is a known user, whichever way `actor` names it; " +
      'null for processes and unknown actors.',
    example: 'investigator1',
  })
  actorName: string | null;

  @ApiProperty(TEXT_OR_NULL)
  role: string | null;

  @ApiProperty({ example: 'tip.read' })
  action: string;

  @ApiProperty({ example: 'tip' })
  entityType: string;

  @ApiProperty(TEXT_OR_NULL)
  entityId: string | null;

  @ApiProperty({ example: 'success' })
  outcome: string;

  @ApiProperty(TEXT_OR_NULL)
  reason: string | null;

  @ApiProperty(DETAIL)
  detail: Record<string, unknown>;

  @ApiProperty({ ...TEXT_OR_NULL, description: 'Null until the entry is sealed into the chain.' })
  hash: string | null;
}

@ApiSchema({ name: 'AuditPage' })
export class AuditPageSchema {
  @ApiProperty({ type: () => [AuditEntrySchema] })
  items: AuditEntrySchema[];

  @ApiProperty({ ...TEXT_OR_NULL, description: 'Pass as `cursor` for the next page.' })
  nextCursor: string | null;
}

@ApiSchema({ name: 'AuditVerification' })
export class AuditVerificationSchema {
  @ApiProperty()
  valid: boolean;

  @ApiProperty({ type: 'integer', minimum: 0 })
  entries: number;

  @ApiProperty({ required: false, description: 'The first entry whose link no longer holds.' })
  brokenAt?: string;

  @ApiProperty({ required: false, description: 'Why the chain breaks there.' })
  problem?: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Entries written, not sealed yet.' })
  unsealed: number;
}
