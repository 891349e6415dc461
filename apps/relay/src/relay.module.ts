import { Module } from '@nestjs/common';
import { AppConfigModule } from '@app/config';
import { QueueName } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { OutboxRelay, QueueModule, QueueRegistry, StageReconciler } from '@app/dispatch';
import { LeadsModule, LeaseSweeper } from '@app/leads';
import { LoggingModule } from '@app/observability';

/**
 * Moves the outbox onto the queues, re-drives tips whose jobs were lost, and returns expired
 * lead leases to the queue.
 */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule.forApp('relay'),
    DatabaseModule,
    QueueModule.forQueues(Object.values(QueueName)),
    LeadsModule,
  ],
  providers: [QueueRegistry, OutboxRelay, StageReconciler, LeaseSweeper],
})
export class RelayModule {}
