import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ALL_CONFIG, AppConfigModule } from '@app/config';
import { QueueName } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { PipelineHealthRepository, QueueModule, QueueRegistry } from '@app/dispatch';
import { LoggingModule } from '@app/observability';
import { CasesModule } from '@app/cases';
import { LeadsModule } from '@app/leads';
import { ReportsModule } from '@app/reports';
import { AuditQueryModule } from '@app/audit';
import { TipsModule } from '@app/tips';
import { DecisionsModule } from '@app/decisions';
import { EvidenceModule } from '@app/evidence';
import { NotificationsModule } from '@app/notifications';
import { DecisionsController } from './decisions/decisions.controller';
import { AuthModule } from './auth/auth.module';
import { AttachmentsController } from './evidence/attachments.controller';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { ReferenceController } from './tips/reference.controller';
import { TipsController } from './tips/tips.controller';
import { CasesController } from './cases/cases.controller';
import { LeadsController } from './leads/leads.controller';
import { MessagesController } from './tips/messages.controller';
import { ReportsController } from './reports/reports.controller';
import { SecurityModule } from './security/security.module';
import { AuditController } from './audit/audit.controller';
import { ConsoleModule } from './console/console.module';
import { NotificationsController } from './notifications/notifications.controller';
import { OpsController } from './ops/ops.controller';
import { QueueHealthService } from './ops/queue-health.service';

/**
 * What the API reads from the environment: every concern. It alone holds the JWT secret, the
 * first admin and the tipster key (the workers load none of them).
 */
export const API_CONFIG = ALL_CONFIG;

@Module({
  imports: [
    AppConfigModule.forRoot(API_CONFIG),
    LoggingModule.forApp('api'),
    DatabaseModule.forRequests(),
    QueueModule.forQueues(Object.values(QueueName)),
    TerminusModule,
    AuthModule,
    TipsModule,
    LeadsModule,
    DecisionsModule,
    EvidenceModule,
    CasesModule,
    ReportsModule,
    SecurityModule,
    AuditQueryModule,
    NotificationsModule,
    // Last: the console's catch-all GET serves pages for every path the API does not own.
    ConsoleModule,
  ],
  controllers: [
    TipsController,
    MessagesController,
    AttachmentsController,
    LeadsController,
    DecisionsController,
    CasesController,
    ReportsController,
    AuditController,
    ReferenceController,
    HealthController,
    MetricsController,
    OpsController,
    NotificationsController,
  ],
  providers: [MetricsService, QueueHealthService, QueueRegistry, PipelineHealthRepository],
})
export class ApiModule {}
