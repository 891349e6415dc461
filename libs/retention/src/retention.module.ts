import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AttachmentStoreModule } from '@app/evidence';
import { LegalHoldService } from './legal-hold.service';
import { RetentionRepository } from './retention.repository';
import { RetentionScheduler } from './retention.scheduler';
import { RetentionService } from './retention.service';

/** Legal holds (API) and the service that purges tipster data after the retention period. */
@Module({
  imports: [AuditModule, AttachmentStoreModule],
  providers: [RetentionRepository, RetentionService, LegalHoldService],
  exports: [RetentionService, LegalHoldService],
})
export class RetentionModule {}

/** The scheduled purge, for the housekeeper. */
@Module({
  imports: [RetentionModule],
  providers: [RetentionScheduler],
})
export class RetentionSchedulerModule {}
