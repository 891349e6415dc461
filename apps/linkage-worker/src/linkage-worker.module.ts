import { Module } from '@nestjs/common';
import {
  AppConfigModule,
  databaseConfig,
  deadlinesConfig,
  loggingConfig,
  queueConfig,
} from '@app/config';
import { QueueName } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { DeadLetterRecorder, QueueModule } from '@app/dispatch';
import { LinkageModule } from '@app/linkage';
import { LoggingModule } from '@app/observability';
import { LinkageProcessor } from './linkage.processor';

/** What the linkage worker reads from the environment: no JWT secret, admin or tipster key. */
export const LINKAGE_WORKER_CONFIG = [databaseConfig, queueConfig, loggingConfig, deadlinesConfig];

@Module({
  imports: [
    AppConfigModule.forRoot(LINKAGE_WORKER_CONFIG),
    LoggingModule.forApp('linkage-worker'),
    DatabaseModule.forPipeline({ asyncCommit: true }),
    QueueModule.forQueues([QueueName.Linkage]),
    LinkageModule,
  ],
  providers: [LinkageProcessor, DeadLetterRecorder],
})
export class LinkageWorkerModule {}
