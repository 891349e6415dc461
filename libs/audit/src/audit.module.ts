import { Global, Module } from '@nestjs/common';
import { AuditQueryService } from './audit-query.service';
import { AuditRepository } from './audit.repository';
import { AuditWriter } from './audit.writer';

/** The writer is global: every process records its changes. The sealer runs in the housekeeper. */
@Global()
@Module({ providers: [AuditWriter, AuditRepository], exports: [AuditWriter, AuditRepository] })
export class AuditModule {}

@Module({ providers: [AuditQueryService, AuditRepository], exports: [AuditQueryService] })
export class AuditQueryModule {}
