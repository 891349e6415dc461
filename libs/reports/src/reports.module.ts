import { Module } from '@nestjs/common';
import { AnnualReportService } from './annual-report.service';
import { FunnelProjector } from './funnel.projector';
import { FunnelService } from './funnel.service';
import { TipExportService } from './tip-export.service';

/** Report queries (API). The projector that keeps the reporting tables runs in the housekeeper. */
@Module({
  providers: [AnnualReportService, FunnelService, TipExportService],
  exports: [AnnualReportService, FunnelService, TipExportService],
})
export class ReportsModule {}

@Module({ providers: [FunnelProjector], exports: [FunnelProjector] })
export class ReportingProjectionModule {}
