import { Module } from '@nestjs/common';
import { OutboxWriter } from '@app/dispatch';
import { TipRecordsModule } from '@app/tips';
import { DuplicateFinder } from './duplicate.finder';
import { DuplicatesRepository } from './duplicates.repository';
import { TriageTipService } from './triage-tip.service';
import { TriageRepository } from './triage.repository';

@Module({
  imports: [TipRecordsModule],
  providers: [
    TriageTipService,
    TriageRepository,
    DuplicateFinder,
    DuplicatesRepository,
    OutboxWriter,
  ],
  exports: [TriageTipService],
})
export class TriageModule {}
