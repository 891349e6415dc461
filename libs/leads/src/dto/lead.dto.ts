import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { CATEGORIES } from '@app/contracts';
import type { Category, ExplainedReason } from '@app/contracts';
import { IsCleanText, IsWard } from '@app/contracts';
import { CreateCaseDto } from '@app/cases';

export class ClaimLeadDto {
  @IsOptional()
  @IsArray({ message: 'wards must be an array' })
  @ArrayMaxSize(50)
  @IsWard({ each: true })
  wards?: string[];

  @IsOptional()
  @IsArray({ message: 'categories must be an array' })
  @ArrayMaxSize(50)
  @IsIn(CATEGORIES, {
    each: true,
    message: `each category must be one of: ${CATEGORIES.join(', ')}`,
  })
  categories?: Category[];
}

/** Link to an existing case by id, or open a new one. Exactly one of the two. */
export class LinkLeadDto {
  @IsOptional()
  @IsUUID('all', { message: 'caseId must be a UUID' })
  caseId?: string;

  @IsOptional()
  @IsObject({ message: 'newCase must be an object' })
  @ValidateNested()
  @Type(() => CreateCaseDto)
  newCase?: CreateCaseDto;
}

export class DismissLeadDto {
  @IsString()
  @Length(3, 1000, { message: 'reason must be 3 to 1000 characters' })
  @IsCleanText()
  reason: string;
}

export interface LeadView {
  id: string;
  stage: 'open' | 'claimed' | 'linked' | 'dismissed';
  priority: number;
  /** A tip of the lead names an immediate threat to life: claimed before every other lead. */
  urgent: boolean;
  effectivePriority: number;
  ward: string;
  category: string;
  tipIds: string[];
  suggestions: {
    caseId: string;
    score: number;
    reasons: string[];
    reasonDetails: ExplainedReason[];
  }[];
  claimedBy: string | null;
  claimedAt: string | null;
  leaseExpiresAt: string | null;
  caseId: string | null;
  dismissedReason: string | null;
  openedAt: string;
}
