import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CASE_KINDS, CATEGORIES, SEVERITIES } from '@app/contracts';
import type { CaseKind, Category, Severity } from '@app/contracts';
import { IsCleanText, IsPastIsoTime, IsWard } from '@app/contracts';

/** `POST /api/cases/:id/assign`: the investigator who works the case from now on. */
export class AssignCaseDto {
  @IsUUID('all', { message: 'userId must be a UUID' })
  userId: string;
}

export class CreateCaseDto {
  @IsString()
  @Length(3, 300, { message: 'title must be 3 to 300 characters' })
  @IsCleanText()
  title: string;

  @IsIn(CASE_KINDS, { message: `kind must be one of: ${CASE_KINDS.join(', ')}` })
  kind: CaseKind;

  @IsIn(CATEGORIES, { message: `category must be one of: ${CATEGORIES.join(', ')}` })
  category: Category;

  @IsIn(SEVERITIES, { message: `severity must be one of: ${SEVERITIES.join(', ')}` })
  severity: Severity;

  @IsWard()
  ward: string;

  @IsPastIsoTime()
  occurredAt: string;
}

export class RecordArrestDto {
  @IsString()
  @Length(1, 200, { message: 'personName must be 1 to 200 characters' })
  @IsCleanText()
  personName: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  @IsCleanText()
  charge?: string;

  @IsPastIsoTime()
  arrestedAt: string;
}

export class ResolveCaseDto {
  @IsIn(['solved', 'unfounded'], { message: 'resolution must be one of: solved, unfounded' })
  resolution: 'solved' | 'unfounded';

  @IsOptional()
  @IsPastIsoTime()
  resolvedAt?: string;
}

export class ListCasesQuery {
  @IsOptional()
  @IsIn(['open', 'resolved'], { message: 'status must be one of: open, resolved' })
  status?: 'open' | 'resolved';

  @IsOptional()
  @IsWard()
  ward?: string;

  @IsOptional()
  @IsIn(CASE_KINDS, { message: `kind must be one of: ${CASE_KINDS.join(', ')}` })
  kind?: CaseKind;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsUUID('all', { message: 'cursor must be a nextCursor value returned by this list' })
  cursor?: string;
}

export interface ArrestView {
  id: string;
  personName: string;
  charge: string | null;
  arrestedAt: string;
  recordedBy: string | null;
}

export interface CaseView {
  id: string;
  title: string;
  kind: CaseKind;
  category: Category;
  severity: Severity;
  ward: string;
  occurredAt: string;
  status: 'open' | 'resolved';
  resolution: 'solved' | 'unfounded' | null;
  resolvedAt: string | null;
  reopenedAt: string | null;
  createdBy: string | null;
  /** The investigator who works the case: its opener, or whom a supervisor assigned. */
  assigneeId: string | null;
  createdAt: string;
  tipIds: string[];
  leadIds: string[];
  arrests: ArrestView[];
}
