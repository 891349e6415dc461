import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { AppConfigModule, databaseConfig, loggingConfig, queueConfig } from '@app/config';
import { QueueName } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { DeadLetterRecorder, QueueModule } from '@app/dispatch';
import { NotificationDeliveryModule } from '@app/notifications';
import { LoggingModule } from '@app/observability';
import { NotificationProcessor } from './notification.processor';
import { OutcomeProcessor } from './outcome.processor';

/**
 * The outcome worker carries case outcomes to tips and turns recorded events into notifications.
 * What it reads from the environment: no JWT secret, admin or tipster key.
 */
export const OUTCOME_WORKER_CONFIG = [databaseConfig, queueConfig, loggingConfig];

@Module({
  imports: [
    AppConfigModule.forRoot(OUTCOME_WORKER_CONFIG),
    LoggingModule.forApp('outcome-worker'),
    DatabaseModule.forPipeline({ asyncCommit: false }),
    QueueModule.forQueues([QueueName.Outcomes, QueueName.Notifications]),
    CasesModule,
    NotificationDeliveryModule,
  ],
  providers: [OutcomeProcessor, NotificationProcessor, DeadLetterRecorder],
})
export class OutcomeWorkerModule {}
