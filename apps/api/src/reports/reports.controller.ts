import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { Roles } from '@app/auth';
import { AnnualReport, AnnualReportService } from '@app/reports';

class AnnualQuery {
  @Type(() => Number)
  @IsInt({ message: 'year must be an integer' })
  @Min(1970)
  @Max(2100)
  year: number;
}

@ApiTags('reports')
@Controller('api/reports')
@Roles('supervisor')
export class ReportsController {
  constructor(private readonly annual: AnnualReportService) {}

  @Get('annual')
  annualReport(@Query() q: AnnualQuery): Promise<AnnualReport> {
    return this.annual.annual(q.year);
  }
}
