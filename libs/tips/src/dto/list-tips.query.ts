import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CATEGORIES, CHANNELS, TIP_STAGES } from '@app/contracts';
import type { Category, Channel, TipStage } from '@app/contracts';
import { IsPastIsoTime, IsWard } from '@app/contracts';

export class ListTipsQuery {
  @IsOptional()
  @IsIn(TIP_STAGES, { message: `stage must be one of: ${TIP_STAGES.join(', ')}` })
  stage?: TipStage;

  @IsOptional()
  @IsWard()
  ward?: string;

  @IsOptional()
  @IsIn(CATEGORIES, { message: `category must be one of: ${CATEGORIES.join(', ')}` })
  category?: Category;

  @IsOptional()
  @IsIn(CHANNELS, { message: `channel must be one of: ${CHANNELS.join(', ')}` })
  channel?: Channel;

  @IsOptional()
  @IsPastIsoTime({ message: 'from must be an ISO-8601 time' })
  from?: string;

  @IsOptional()
  @IsPastIsoTime({ message: 'to must be an ISO-8601 time' })
  to?: string;

  /** `true`: only the tips the caller took (an operator's own recent calls). */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'mine must be true or false' })
  mine?: 'true' | 'false';

  /** `true`: only tips past their decision deadline and not yet linked or dismissed. */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';

  /** The reference read out on the phone, e.g. TT-26-7KQ3M9XA. */
  @IsOptional()
  @Matches(/^TT-\d{2}-[0-9A-Z]{4,16}$/, { message: 'reference must look like TT-26-7KQ3M9XA' })
  reference?: string;

  /** `asc`: oldest first (a review queue, worked in the order the tips came in); default `desc`. */
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: 'order must be asc or desc' })
  order?: 'asc' | 'desc';

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
