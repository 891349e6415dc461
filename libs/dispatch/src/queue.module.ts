import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { QueueName } from '@app/contracts';
import { stageJobOptions } from './job-options';

/** BullMQ on Redis under QUEUE_PREFIX, so several stacks share one Redis without meeting. */
@Module({})
export class QueueModule {
  static forQueues(queues: QueueName[]): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            connection: { url: config.queue.redisUrl, maxRetriesPerRequest: null },
            prefix: config.queue.prefix,
            defaultJobOptions: stageJobOptions(config.queue),
          }),
        }),
        ...queues.map((name) => BullModule.registerQueue({ name })),
      ],
      exports: [BullModule],
    };
  }
}
