import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { LinkageModule } from '@app/linkage';
import { TipsModule } from '@app/tips';
import { ClaimLeadService } from './claim-lead.service';
import { LeadsRepository } from './leads.repository';
import { WorkLeadService } from './work-lead.service';

@Module({
  imports: [TipsModule, CasesModule, LinkageModule],
  providers: [ClaimLeadService, WorkLeadService, LeadsRepository],
  exports: [ClaimLeadService, WorkLeadService, LeadsRepository],
})
export class LeadsModule {}
