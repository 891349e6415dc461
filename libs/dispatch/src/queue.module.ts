import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { QueueConfig, queueConfig } from '@app/config';
import { QueueName } from '@app/contracts';
import { stageJobOptions } from './job-options';
import { bullConnection } from './redis-connection';

/**
 * BullMQ on Redis under QUEUE_PREFIX, so several stacks share one Redis without meeting; direct
 * or through Sentinel (REDIS_SENTINELS), as every Redis client of the product.
 */
@Module({})
export class QueueModule {
  static forQueues(queues: QueueName[]): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [queueConfig.KEY],
          useFactory: (queue: QueueConfig) => ({
            connection: bullConnection(queue),
            prefix: queue.prefix,
            defaultJobOptions: stageJobOptions(queue),
          }),
        }),
        ...queues.map((name) => BullModule.registerQueue({ name })),
      ],
      exports: [BullModule],
    };
  }
}
