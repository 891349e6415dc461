import { Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { QueueConfig, queueConfig } from '@app/config';
import { QueueName, TipStageJob } from '@app/contracts';
import {
  DeadLetterRecorder,
  MicroBatcher,
  STAGE_WORKER_OPTIONS,
  StageOutcome,
  StageProcessor,
} from '@app/dispatch';
import { LinkTipService } from '@app/linkage';

/** Consumes the linkage queue: each job's tip linked in a batch with the others held at once. */
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

  private batcher: MicroBatcher<StageOutcome>;

  onApplicationBootstrap(): void {
    const { stageBatch, stageBatchesAtOnce } = this.queueSettings;
    this.batcher = new MicroBatcher((ids) => this.service.linkMany(ids), {
      maxBatch: stageBatch,
      maxConcurrent: stageBatchesAtOnce,
    });
    this.setConcurrency(stageBatch * stageBatchesAtOnce);
  }

  protected handle(job: TipStageJob): Promise<StageOutcome> {
    return this.batcher.submit(job.tipId);
  }
}
