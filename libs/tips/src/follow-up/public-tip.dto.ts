import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { CATEGORIES } from '@app/contracts';
import type { Category } from '@app/contracts';
import { TipLocationDto, TipsterDto } from '../dto/create-tip.dto';
import { IsCleanText, IsPastIsoTime, IsWard } from '@app/contracts';

export const PUBLIC_CHANNELS = ['web', 'app'] as const;
export type PublicChannel = (typeof PUBLIC_CHANNELS)[number];

/** Body of `POST /api/public/tips`: what a citizen sends without an account. */
export class PublicTipDto {
  @IsOptional()
  @IsIn(PUBLIC_CHANNELS, { message: `channel must be one of: ${PUBLIC_CHANNELS.join(', ')}` })
  channel?: PublicChannel;

  @IsIn(CATEGORIES, { message: `category must be one of: ${CATEGORIES.join(', ')}` })
  category: Category;

  @IsWard()
  ward: string;

  @IsString()
  @Length(10, 5000, { message: 'description must be 10 to 5000 characters' })
  @IsCleanText()
  description: string;

  @IsOptional()
  @IsPastIsoTime()
  occurredAt?: string;

  @IsOptional()
  @IsObject({ message: 'location must be an object' })
  @ValidateNested()
  @Type(() => TipLocationDto)
  location?: TipLocationDto;

  /** Optional contact; without it the tip is anonymous and the follow-up code is the only link. */
  @IsOptional()
  @IsObject({ message: 'tipster must be an object' })
  @ValidateNested()
  @Type(() => TipsterDto)
  tipster?: TipsterDto;
}

export interface PublicTipAccepted {
  reference: string;
  followUpCode: string;
}

export type PublicTipStatus = 'received' | 'under_review' | 'closed';

export interface PublicMessageView {
  direction: 'to_tipster' | 'from_tipster';
  body: string;
  createdAt: string;
}

export interface PublicTipView {
  status: PublicTipStatus;
  messages: PublicMessageView[];
}
