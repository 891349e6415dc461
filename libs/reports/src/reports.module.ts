import { Module } from '@nestjs/common';
import { AnnualReportService } from './annual-report.service';

@Module({
  providers: [AnnualReportService],
  exports: [AnnualReportService],
})
export class ReportsModule {}
