import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { OutboxWriter } from '@app/dispatch';
import { CaseEventsWriter } from './case-events.writer';
import { CaseService } from './case.service';
import { CasesRepository } from './cases.repository';
import { OutcomeProjector } from './outcome.projector';

@Module({
  imports: [AuditModule],
  providers: [CaseService, CasesRepository, CaseEventsWriter, OutboxWriter, OutcomeProjector],
  exports: [CaseService, CaseEventsWriter, OutcomeProjector],
})
export class CasesModule {}
