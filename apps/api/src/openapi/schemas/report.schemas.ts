import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { COUNT, LocalizedTextSchema } from './common.schemas';

const SECONDS_OR_NULL = { type: Number, nullable: true, description: 'Null without data.' };

@ApiSchema({ name: 'FunnelCounts' })
export class FunnelCountsSchema {
  @ApiProperty(COUNT)
  tipsReceived: number;

  @ApiProperty(COUNT)
  tipsActionable: number;

  @ApiProperty({ ...COUNT, description: 'Tips triage marked as duplicates.' })
  tipsDuplicate: number;

  @ApiProperty(COUNT)
  tipsRejected: number;

  @ApiProperty({ ...COUNT, description: "Tips waiting for a person's review now." })
  tipsNeedingReview: number;

  @ApiProperty({ ...COUNT, description: 'Tips (duplicates included) now linked to a case.' })
  tipsLinked: number;

  @ApiProperty({
    ...COUNT,
    description: 'Tips past their decision deadline and neither linked nor dismissed, now.',
  })
  tipsOverdue: number;

  @ApiProperty({ ...COUNT, description: 'Distinct cases linked to at least one of the tips.' })
  casesFromTips: number;

  @ApiProperty({ ...COUNT, description: 'Of those cases, the ones resolved as solved.' })
  casesResolvedFromTips: number;

  @ApiProperty({ ...COUNT, description: 'Arrests recorded on those cases.' })
  arrestsFromTips: number;

  @ApiProperty(SECONDS_OR_NULL)
  medianSecondsToTriage: number | null;

  @ApiProperty(SECONDS_OR_NULL)
  medianSecondsToClaim: number | null;
}

@ApiSchema({ name: 'FunnelWard' })
export class FunnelWardSchema extends FunnelCountsSchema {
  @ApiProperty()
  ward: string;
}

@ApiSchema({ name: 'Funnel', description: 'Tips received in [from, to), and what they led to.' })
export class FunnelSchema extends FunnelCountsSchema {
  @ApiProperty({ type: () => [FunnelWardSchema] })
  byWard: FunnelWardSchema[];
}

@ApiSchema({ name: 'Clearance' })
export class ClearanceSchema {
  @ApiProperty(COUNT)
  occurred: number;

  @ApiProperty(COUNT)
  solved: number;

  @ApiProperty({ type: Number, description: 'A percentage with two decimals.', example: 76.29 })
  clearanceRate: number;
}

@ApiSchema({ name: 'CriminalClearance' })
export class CriminalClearanceSchema extends ClearanceSchema {
  @ApiProperty(COUNT)
  arrests: number;

  @ApiProperty({
    type: () => ClearanceSchema,
    description: 'Very serious and especially serious cases.',
  })
  severe: ClearanceSchema;
}

@ApiSchema({ name: 'TipsOfYear' })
export class TipsOfYearSchema {
  @ApiProperty(COUNT)
  received: number;

  @ApiProperty(COUNT)
  casesResolved: number;

  @ApiProperty(COUNT)
  arrests: number;
}

@ApiSchema({ name: 'AnnualReport', description: 'Cases count by the year they occurred.' })
export class AnnualReportSchema {
  @ApiProperty({ type: 'integer' })
  year: number;

  @ApiProperty({ type: () => CriminalClearanceSchema })
  criminal: CriminalClearanceSchema;

  @ApiProperty({ type: () => TipsOfYearSchema })
  tips: TipsOfYearSchema;

  @ApiProperty({ type: () => LocalizedTextSchema, description: 'The year-end summary.' })
  text: LocalizedTextSchema;
}

@ApiSchema({ name: 'DeadlineCounts' })
export class DeadlineCountsSchema {
  @ApiProperty({ ...COUNT, description: 'Undecided tips past their decision deadline.' })
  overdue: number;

  @ApiProperty({ ...COUNT, description: 'Undecided tips due from now to the window’s end.' })
  dueSoon: number;
}

@ApiSchema({ name: 'DeadlineWard' })
export class DeadlineWardSchema extends DeadlineCountsSchema {
  @ApiProperty()
  ward: string;
}

@ApiSchema({
  name: 'DeadlinesReport',
  description: 'Undecided tips by where their decision deadline stands now, by ward.',
})
export class DeadlinesReportSchema extends DeadlineCountsSchema {
  @ApiProperty({ format: 'date-time' })
  asOf: string;

  @ApiProperty({ type: Number, minimum: 1, maximum: 60 })
  withinDays: number;

  @ApiProperty({ type: () => [DeadlineWardSchema] })
  byWard: DeadlineWardSchema[];
}
