import { Module } from '@nestjs/common';
import { ReportReader } from '@app/database';
import { AnnualReportService } from './annual-report.service';
import { DeadlinesService } from './deadlines.service';
import { FunnelProjector } from './funnel.projector';
import { FunnelRepository } from './funnel.repository';
import { FunnelService } from './funnel.service';
import { ReportsRepository } from './reports.repository';
import { TipExportService } from './tip-export.service';

/** Report queries (API). The projector that keeps the reporting tables runs in the housekeeper. */
@Module({
  providers: [
    ReportReader,
    FunnelRepository,
    AnnualReportService,
    FunnelService,
    TipExportService,
    DeadlinesService,
    ReportsRepository,
  ],
  exports: [AnnualReportService, FunnelService, TipExportService, DeadlinesService],
})
export class ReportsModule {}

@Module({ providers: [FunnelRepository, FunnelProjector], exports: [FunnelProjector] })
export class ReportingProjectionModule {}
