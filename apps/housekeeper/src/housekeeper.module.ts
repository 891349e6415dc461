import { Module } from '@nestjs/common';
import { AuditModule, AuditSealer } from '@app/audit';
import {
  AppConfigModule,
  databaseConfig,
  deadlinesConfig,
  leadsConfig,
  loggingConfig,
  retentionConfig,
} from '@app/config';
import { DatabaseModule } from '@app/database';
import { LeadsModule, LeaseSweeper } from '@app/leads';
import { NotificationChecksModule } from '@app/notifications';
import { LoggingModule } from '@app/observability';
import { RetentionSchedulerModule } from '@app/retention';
import { ReportingProjectionModule } from '@app/reports';
import { StatisticsKeeper } from './statistics.keeper';

/**
 * What the housekeeper reads from the environment: the database, logging and its periods; no
 * Redis, JWT secret, admin or tipster key (the retention purge deletes sealed identities without
 * opening them).
 */
export const HOUSEKEEPER_CONFIG = [
  databaseConfig,
  loggingConfig,
  leadsConfig,
  deadlinesConfig,
  retentionConfig,
];

/**
 * The periodic upkeep of the record, each part safe to run in several replicas: returns expired
 * lead leases to the queue of leads, seals the audit log's hash chain, keeps the funnel's
 * reporting tables up to date, purges tipster data past its retention period, and looks for
 * urgent leads left unclaimed and decision deadlines near or missed (their notifications go
 * through the outbox), and keeps the planner's statistics of the tables fresh when the server's
 * autovacuum does not.
 */
@Module({
  imports: [
    AppConfigModule.forRoot(HOUSEKEEPER_CONFIG),
    LoggingModule.forApp('housekeeper'),
    DatabaseModule.forRoot(),
    AuditModule,
    LeadsModule,
    RetentionSchedulerModule,
    ReportingProjectionModule,
    NotificationChecksModule,
  ],
  providers: [LeaseSweeper, AuditSealer, StatisticsKeeper],
})
export class HousekeeperModule {}
