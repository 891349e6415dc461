import { Module } from '@nestjs/common';
import { AppConfigModule } from '@app/config';
import { QueueName } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { DeadLetterRecorder, QueueModule } from '@app/dispatch';
import { LinkageModule } from '@app/linkage';
import { LoggingModule } from '@app/observability';
import { LinkageProcessor } from './linkage.processor';

@Module({
  imports: [
    AppConfigModule,
    LoggingModule.forApp('linkage-worker'),
    DatabaseModule.forPipeline({ asyncCommit: true }),
    QueueModule.forQueues([QueueName.Linkage]),
    LinkageModule,
  ],
  providers: [LinkageProcessor, DeadLetterRecorder],
})
export class LinkageWorkerModule {}
