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
import { TriageTipService } from '@app/triage';

/** Consumes the triage queue: each job's tip triaged in a batch with the others held at once. */
@Processor(QueueName.Triage, STAGE_WORKER_OPTIONS)
export class TriageProcessor extends StageProcessor implements OnApplicationBootstrap {
  protected readonly queue = QueueName.Triage;
  protected readonly logger = new Logger(TriageProcessor.name);

  constructor(
    deadLetters: DeadLetterRecorder,
    private readonly service: TriageTipService,
    @Inject(queueConfig.KEY) private readonly queueSettings: QueueConfig,
  ) {
    super(deadLetters);
  }

  private batcher: MicroBatcher<StageOutcome>;

  onApplicationBootstrap(): void {
    const { stageBatch, stageBatchesAtOnce } = this.queueSettings;
    this.batcher = new MicroBatcher((ids) => this.service.triageMany(ids), {
      maxBatch: stageBatch,
      maxConcurrent: stageBatchesAtOnce,
    });
    this.setConcurrency(stageBatch * stageBatchesAtOnce);
  }

  protected handle(job: TipStageJob): Promise<StageOutcome> {
    return this.batcher.submit(job.tipId);
  }
}
