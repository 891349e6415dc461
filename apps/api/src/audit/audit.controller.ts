import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Max,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { AuditQueryService, AuditVerification } from '@app/audit';
import { Roles } from '@app/auth';
import { NoControlCharacters } from '@app/contracts';
import { AuditPageSchema, AuditVerificationSchema } from '../openapi/schemas/audit.schemas';

export class AuditListQuery {
  @IsOptional()
  @IsIn(['tip', 'lead', 'case', 'user', 'tipster', 'message', 'report', 'notification', 'system'], {
    message:
      'entityType must be one of: tip, lead, case, user, tipster, message, report, notification, system',
  })
  entityType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  @NoControlCharacters()
  entityId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  @NoControlCharacters()
  actor?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 time' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 time' })
  to?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(500)
  limit?: number;

  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'cursor must be a nextCursor value returned by this list' })
  cursor?: string;
}

@ApiTags('audit')
@Controller('api/audit')
@Roles('supervisor')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @ApiOperation({ summary: 'Read the audit log', description: 'Newest first.' })
  @ApiOkResponse({ type: AuditPageSchema })
  list(@Query() q: AuditListQuery) {
    return this.audit.list(q);
  }

  @Get('verify')
  @ApiOperation({
    summary: 'Verify the audit chain',
    description: 'Recomputes the hash chain: an edited or deleted entry breaks it at that entry.',
  })
  @ApiOkResponse({ type: AuditVerificationSchema })
  verify(): Promise<AuditVerification> {
    return this.audit.verify();
  }
}
