import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { LinkageModule } from '@app/linkage';
import { TipRecordsModule } from '@app/tips';
import { ClaimLeadService } from './claim-lead.service';
import { LeadsRepository } from './leads.repository';
import { WorkLeadService } from './work-lead.service';

@Module({
  imports: [TipRecordsModule, CasesModule, LinkageModule],
  providers: [ClaimLeadService, WorkLeadService, LeadsRepository],
  exports: [ClaimLeadService, WorkLeadService, LeadsRepository],
})
export class LeadsModule {}
