import { Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { QueueConfig, queueConfig } from '@app/config';
import { QueueName, TipStageJob } from '@app/contracts';
import {
  DeadLetterRecorder,
  STAGE_WORKER_OPTIONS,
  StageOutcome,
  StageProcessor,
} from '@app/dispatch';
import { LinkTipService } from '@app/linkage';

/** Consumes the linkage queue: one call into LinkTipService per job. */
@Processor(QueueName.Linkage, STAGE_WORKER_OPTIONS)
export class LinkageProcessor extends StageProcessor implements OnApplicationBootstrap {
  protected readonly queue = QueueName.Linkage;
  protected readonly logger = new Logger(LinkageProcessor.name);

  constructor(
    deadLetters: DeadLetterRecorder,
    private readonly service: LinkTipService,
    @Inject(queueConfig.KEY) private readonly queueSettings: QueueConfig,
  ) {
    super(deadLetters);
  }

  onApplicationBootstrap(): void {
    this.setConcurrency(this.queueSettings.concurrency);
  }

  protected handle(job: TipStageJob): Promise<StageOutcome> {
    return this.service.link(job.tipId);
  }
}
