import { Module } from '@nestjs/common';
import { CasesModule } from '@app/cases';
import { TipsModule } from '@app/tips';
import { ClaimLeadService } from './claim-lead.service';
import { LeadsRepository } from './leads.repository';
import { WorkLeadService } from './work-lead.service';

@Module({
  imports: [TipsModule, CasesModule],
  providers: [ClaimLeadService, WorkLeadService, LeadsRepository],
  exports: [ClaimLeadService, WorkLeadService],
})
export class LeadsModule {}
