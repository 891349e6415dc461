import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CASE_KINDS, CATEGORIES, SEVERITIES } from '@app/contracts';
import type { CaseKind, Category, Severity } from '@app/contracts';
import { ID, ID_OR_NULL, TEXT_OR_NULL, TIME, TIME_OR_NULL } from './common.schemas';

@ApiSchema({ name: 'Arrest' })
export class ArrestSchema {
  @ApiProperty(ID)
  id: string;

  @ApiProperty()
  personName: string;

  @ApiProperty(TEXT_OR_NULL)
  charge: string | null;

  @ApiProperty(TIME)
  arrestedAt: string;

  @ApiProperty(TEXT_OR_NULL)
  recordedBy: string | null;
}

@ApiSchema({ name: 'CaseView' })
export class CaseViewSchema {
  @ApiProperty(ID)
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: CASE_KINDS, enumName: 'CaseKind' })
  kind: CaseKind;

  @ApiProperty({ enum: CATEGORIES, enumName: 'Category' })
  category: Category;

  @ApiProperty({ enum: SEVERITIES, enumName: 'Severity' })
  severity: Severity;

  @ApiProperty()
  ward: string;

  @ApiProperty(TIME)
  occurredAt: string;

  @ApiProperty({ enum: ['open', 'resolved'] })
  status: 'open' | 'resolved';

  @ApiProperty({ type: String, enum: ['solved', 'unfounded'], nullable: true })
  resolution: 'solved' | 'unfounded' | null;

  @ApiProperty(TIME_OR_NULL)
  resolvedAt: string | null;

  @ApiProperty(TIME_OR_NULL)
  reopenedAt: string | null;

  @ApiProperty(TEXT_OR_NULL)
  createdBy: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The investigator who works the case: its opener, or whom a supervisor assigned',
  })
  assigneeId: string | null;

  @ApiProperty(TIME)
  createdAt: string;

  @ApiProperty({ ...ID, isArray: true })
  tipIds: string[];

  @ApiProperty({ ...ID, isArray: true })
  leadIds: string[];

  @ApiProperty({ type: () => [ArrestSchema] })
  arrests: ArrestSchema[];
}

@ApiSchema({ name: 'CasePage' })
export class CasePageSchema {
  @ApiProperty({ type: () => [CaseViewSchema] })
  items: CaseViewSchema[];

  @ApiProperty({ ...ID_OR_NULL, description: 'Pass as `cursor` for the next page.' })
  nextCursor: string | null;
}

@ApiSchema({ name: 'LegalHold' })
export class LegalHoldSchema {
  @ApiProperty(ID)
  caseId: string;

  @ApiProperty()
  legalHold: boolean;

  @ApiProperty(TIME_OR_NULL)
  legalHoldAt: string | null;
}
