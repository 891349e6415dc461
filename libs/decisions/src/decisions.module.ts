import { Module } from '@nestjs/common';
import { OutboxWriter } from '@app/dispatch';
import { LeadsModule } from '@app/leads';
import { LinkageModule } from '@app/linkage';
import { TipsModule } from '@app/tips';
import { TriageModule } from '@app/triage';
import { DecisionsRepository } from './decisions.repository';
import { TipDecisionsService } from './tip-decisions.service';

/** People's decisions on what triage recommended: review, restore, unmerge, lead priority. */
@Module({
  imports: [TipsModule, TriageModule, LinkageModule, LeadsModule],
  providers: [TipDecisionsService, DecisionsRepository, OutboxWriter],
  exports: [TipDecisionsService],
})
export class DecisionsModule {}
