import { Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { QueueConfig, queueConfig } from '@app/config';
import { NotificationJob, QueueName } from '@app/contracts';
import {
  DeadLetterRecorder,
  STAGE_WORKER_OPTIONS,
  StageOutcome,
  StageProcessor,
} from '@app/dispatch';
import { NotificationDeliveryService } from '@app/notifications';

/** Consumes the notifications queue: one event, its recipients notified once each. */
@Processor(QueueName.Notifications, STAGE_WORKER_OPTIONS)
export class NotificationProcessor
  extends StageProcessor<QueueName.Notifications>
  implements OnApplicationBootstrap
{
  protected readonly queue = QueueName.Notifications;
  protected readonly logger = new Logger(NotificationProcessor.name);

  constructor(
    deadLetters: DeadLetterRecorder,
    private readonly delivery: NotificationDeliveryService,
    @Inject(queueConfig.KEY) private readonly queueSettings: QueueConfig,
  ) {
    super(deadLetters);
  }

  onApplicationBootstrap(): void {
    this.setConcurrency(this.queueSettings.concurrency);
  }

  /** A notification's job names a lead or a tip; dead letters name the job only. */
  protected override tipIdOf(): string | null {
    return null;
  }

  protected handle(job: NotificationJob): Promise<StageOutcome> {
    return this.delivery.deliver(job);
  }
}
