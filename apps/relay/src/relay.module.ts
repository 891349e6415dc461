import { Module } from '@nestjs/common';
import { AppConfigModule } from '@app/config';
import { QueueName } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { OutboxRelay, QueueModule, QueueRegistry, StageReconciler } from '@app/dispatch';
import { LoggingModule } from '@app/observability';

/** Moves the outbox onto the queues and re-drives tips whose jobs were lost. */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule.forApp('relay'),
    DatabaseModule,
    QueueModule.forQueues([QueueName.Triage, QueueName.Linkage]),
  ],
  providers: [QueueRegistry, OutboxRelay, StageReconciler],
})
export class RelayModule {}
