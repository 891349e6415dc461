import { IsInt, IsString, Length, Max, Min } from 'class-validator';
import { IsCleanText } from '@app/contracts';

/** `POST /api/tips/:id/extend`: a supervisor moves the deadline to decide on a tip later. */
export class ExtendDeadlineDto {
  @IsInt({ message: 'days must be an integer' })
  @Min(1, { message: 'days must be 1 to 60' })
  @Max(60, { message: 'days must be 1 to 60' })
  days: number;

  /** Kept in the trail and the audit log. */
  @IsString({ message: 'reason must be a string' })
  @Length(3, 500, { message: 'reason must be 3 to 500 characters' })
  @IsCleanText()
  reason: string;
}
