import { Module } from '@nestjs/common';
import { AppConfigModule } from '@app/config';
import { QueueName } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { DeadLetterRecorder, QueueModule } from '@app/dispatch';
import { TriageModule } from '@app/triage';
import { LoggingModule } from '@app/observability';
import { TriageProcessor } from './triage.processor';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule.forApp('triage-worker'),
    DatabaseModule.forPipeline({ asyncCommit: true }),
    QueueModule.forQueues([QueueName.Triage]),
    TriageModule,
  ],
  providers: [TriageProcessor, DeadLetterRecorder],
})
export class TriageWorkerModule {}
