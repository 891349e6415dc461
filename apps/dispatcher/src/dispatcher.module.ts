import { Module } from '@nestjs/common';
import {
  AppConfigModule,
  databaseConfig,
  loggingConfig,
  pipelineConfig,
  queueConfig,
} from '@app/config';
import { QueueName } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import {
  JobProducers,
  OutboxRelay,
  QueueModule,
  QueueRegistry,
  StageReconciler,
} from '@app/dispatch';
import { LoggingModule } from '@app/observability';

/** What the dispatcher reads from the environment: no JWT secret, admin or tipster key. */
export const DISPATCHER_CONFIG = [databaseConfig, queueConfig, loggingConfig, pipelineConfig];

/**
 * Puts the pipeline's jobs onto their queues: moves committed outbox rows onto BullMQ (the
 * outbox relay) and re-drives tips and case outcomes whose jobs were lost (the reconciler). Both
 * are safe to run in several replicas.
 */
@Module({
  imports: [
    AppConfigModule.forRoot(DISPATCHER_CONFIG),
    LoggingModule.forApp('dispatcher'),
    DatabaseModule.forRoot(),
    QueueModule.forQueues(Object.values(QueueName)),
  ],
  providers: [QueueRegistry, JobProducers, OutboxRelay, StageReconciler],
})
export class DispatcherModule {}
