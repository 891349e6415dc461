import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsCleanText } from '@app/contracts';

/** A person's reason for a decision: kept in the trail and the audit log. */
class WithReason {
  @IsString({ message: 'reason must be a string' })
  @Length(3, 500, { message: 'reason must be 3 to 500 characters' })
  @IsCleanText()
  reason: string;
}

export const REVIEW_DECISIONS = ['accept', 'reject'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** `POST /api/tips/:id/review`: a person decides a tip triage held for review. */
export class ReviewTipDto extends WithReason {
  @IsIn(REVIEW_DECISIONS, { message: 'decision must be one of: accept, reject' })
  decision: ReviewDecision;

  /** With `accept`: the lead's priority, instead of triage's. */
  @IsOptional()
  @IsInt({ message: 'priority must be an integer' })
  @Min(0, { message: 'priority must be 0 to 100' })
  @Max(100, { message: 'priority must be 0 to 100' })
  priority?: number;
}

/** `POST /api/tips/:id/restore` and `POST /api/tips/:id/unmerge`. */
export class UndoDto extends WithReason {}

/** `POST /api/leads/:id/priority`. */
export class LeadPriorityDto extends WithReason {
  @IsInt({ message: 'priority must be an integer' })
  @Min(0, { message: 'priority must be 0 to 100' })
  @Max(100, { message: 'priority must be 0 to 100' })
  priority: number;
}
