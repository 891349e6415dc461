import { Module } from '@nestjs/common';
import { OutboxWriter } from '@app/dispatch';
import { TipRecordsModule } from '@app/tips';
import { DuplicateFinder } from './duplicate.finder';
import { TriageTipService } from './triage-tip.service';

@Module({
  imports: [TipRecordsModule],
  providers: [TriageTipService, DuplicateFinder, OutboxWriter],
  exports: [TriageTipService],
})
export class TriageModule {}
