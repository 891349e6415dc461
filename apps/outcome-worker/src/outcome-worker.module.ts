import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { AppConfigModule } from '@app/config';
import { QueueName } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { DeadLetterRecorder, QueueModule } from '@app/dispatch';
import { LoggingModule } from '@app/observability';
import { OutcomeProcessor } from './outcome.processor';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule.forApp('outcome-worker'),
    DatabaseModule.forPipeline({ asyncCommit: false }),
    QueueModule.forQueues([QueueName.Outcomes]),
    CasesModule,
  ],
  providers: [OutcomeProcessor, DeadLetterRecorder],
})
export class OutcomeWorkerModule {}
