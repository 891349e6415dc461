import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsObject,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CATEGORIES, CHANNELS } from '@app/contracts';
import type { Category, Channel } from '@app/contracts';
import { IsCleanText, IsPastIsoTime, IsWard } from '@app/contracts';

export class TipLocationDto {
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @IsCleanText()
  address?: string;

  @IsOptional()
  @IsLatitude()
  lat?: number;

  @IsOptional()
  @IsLongitude()
  lng?: number;
}

export class TipsterDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsCleanText()
  name?: string;

  @IsOptional()
  @IsString()
  @Length(6, 20, { message: 'phone must be 6 to 20 characters' })
  @IsCleanText()
  phone?: string;

  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;
}

/** Body of `POST /api/tips`: what a hotline operator takes down. */
export class CreateTipDto {
  @IsIn(CHANNELS, { message: `channel must be one of: ${CHANNELS.join(', ')}` })
  channel: Channel;

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

  @IsBoolean({ message: 'anonymous must be true or false' })
  anonymous: boolean;

  @IsOptional()
  @IsObject({ message: 'tipster must be an object' })
  @ValidateNested()
  @Type(() => TipsterDto)
  tipster?: TipsterDto;

  /**
   * Give the caller a follow-up code (shown in the answer, stored only as a hash) so they can
   * check on the tip and talk with the investigator on the public follow-up page.
   */
  @IsOptional()
  @IsBoolean({ message: 'followUp must be true or false' })
  followUp?: boolean;
}
