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
import { TriageTipService } from '@app/triage';

/** Consumes the triage queue: one call into TriageTipService per job. */
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

  onApplicationBootstrap(): void {
    this.setConcurrency(this.queueSettings.concurrency);
  }

  protected handle(job: TipStageJob): Promise<StageOutcome> {
    return this.service.triage(job.tipId);
  }
}
