import { Module } from '@nestjs/common';
import {
  AppConfigModule,
  databaseConfig,
  loggingConfig,
  pipelineConfig,
  queueConfig,
  referenceConfig,
} from '@app/config';
import { QueueName } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { DeadLetterRecorder, QueueModule } from '@app/dispatch';
import { TriageModule } from '@app/triage';
import { LoggingModule } from '@app/observability';
import { TriageProcessor } from './triage.processor';

/** What the triage worker reads from the environment: no JWT secret, admin or tipster key. */
export const TRIAGE_WORKER_CONFIG = [
  databaseConfig,
  queueConfig,
  loggingConfig,
  pipelineConfig,
  referenceConfig,
];

@Module({
  imports: [
    AppConfigModule.forRoot(TRIAGE_WORKER_CONFIG),
    LoggingModule.forApp('triage-worker'),
    DatabaseModule.forPipeline({ asyncCommit: true }),
    QueueModule.forQueues([QueueName.Triage]),
    TriageModule,
  ],
  providers: [TriageProcessor, DeadLetterRecorder],
})
export class TriageWorkerModule {}
