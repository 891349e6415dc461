import { Module } from '@nestjs/common';
import { AuditModule, AuditSealer } from '@app/audit';
import {
  AppConfigModule,
  databaseConfig,
  deadlinesConfig,
  leadsConfig,
  loggingConfig,
  pipelineConfig,
  queueConfig,
  retentionConfig,
} from '@app/config';
import { QueueName } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { OutboxRelay, QueueModule, QueueRegistry, StageReconciler } from '@app/dispatch';
import { LeadsModule, LeaseSweeper } from '@app/leads';
import { NotificationChecksModule } from '@app/notifications';
import { LoggingModule } from '@app/observability';
import { RetentionSchedulerModule } from '@app/retention';
import { ReportingProjectionModule } from '@app/reports';

/**
 * What the relay reads from the environment: no JWT secret, admin or tipster key (the retention
 * purge deletes sealed identities without opening them).
 */
export const RELAY_CONFIG = [
  databaseConfig,
  queueConfig,
  loggingConfig,
  pipelineConfig,
  leadsConfig,
  deadlinesConfig,
  retentionConfig,
];

/**
 * The pipeline's housekeeping, each part safe to run in several replicas: moves the outbox onto
 * the queues, re-drives tips whose jobs were lost, returns expired lead leases to the queue,
 * seals the audit log's hash chain, keeps the funnel's reporting tables up to date and looks for
 * urgent leads left unclaimed and decision deadlines near or missed.
 */
@Module({
  imports: [
    AppConfigModule.forRoot(RELAY_CONFIG),
    LoggingModule.forApp('relay'),
    DatabaseModule.forRoot(),
    QueueModule.forQueues(Object.values(QueueName)),
    AuditModule,
    LeadsModule,
    RetentionSchedulerModule,
    ReportingProjectionModule,
    NotificationChecksModule,
  ],
  providers: [QueueRegistry, OutboxRelay, StageReconciler, LeaseSweeper, AuditSealer],
})
export class RelayModule {}
