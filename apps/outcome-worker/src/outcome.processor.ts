import { Processor } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OutcomeProjector } from '@app/cases';
import { QueueConfig, queueConfig } from '@app/config';
import { CaseOutcomeJob, QueueName } from '@app/contracts';
import {
  DeadLetterRecorder,
  STAGE_WORKER_OPTIONS,
  StageOutcome,
  StageProcessor,
} from '@app/dispatch';

/** Consumes the outcomes queue: one projection of a case onto its tips per job. */
@Processor(QueueName.Outcomes, STAGE_WORKER_OPTIONS)
export class OutcomeProcessor
  extends StageProcessor<QueueName.Outcomes>
  implements OnApplicationBootstrap
{
  protected readonly queue = QueueName.Outcomes;
  protected readonly logger = new Logger(OutcomeProcessor.name);

  constructor(
    deadLetters: DeadLetterRecorder,
    private readonly projector: OutcomeProjector,
    @Inject(queueConfig.KEY) private readonly queueSettings: QueueConfig,
  ) {
    super(deadLetters);
  }

  onApplicationBootstrap(): void {
    this.setConcurrency(this.queueSettings.concurrency);
  }

  protected handle(job: CaseOutcomeJob): Promise<StageOutcome> {
    return this.projector.project(job.caseId);
  }
}
