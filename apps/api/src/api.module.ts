import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AppConfigModule } from '@app/config';
import { QueueName } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { QueueModule, QueueRegistry } from '@app/dispatch';
import { LoggingModule } from '@app/observability';
import { TipsModule } from '@app/tips';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { ReferenceController } from './tips/reference.controller';
import { TipsController } from './tips/tips.controller';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule.forApp('api'),
    DatabaseModule,
    QueueModule.forQueues([QueueName.Triage, QueueName.Linkage]),
    TerminusModule,
    TipsModule,
  ],
  controllers: [TipsController, ReferenceController, HealthController, MetricsController],
  providers: [MetricsService, QueueRegistry],
})
export class ApiModule {}
