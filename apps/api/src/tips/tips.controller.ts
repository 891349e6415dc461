import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import { DomainError } from '@app/contracts';
import {
  CreateTipDto,
  ExtendDeadlineDto,
  ImportTipsDto,
  ListTipsQuery,
  TipAccepted,
  TipDeadlineService,
  TipIntakeService,
  TipPage,
  TipQueryService,
  TipTrace,
  TipView,
} from '@app/tips';
import { idOr404 } from '../common/ids';
import { ApiErrors } from '../openapi/api-error.schema';
import {
  TipAcceptedSchema,
  TipImportedSchema,
  TipPageSchema,
  TipTraceSchema,
  TipViewSchema,
} from '../openapi/schemas/tip.schemas';
import { AuditRead } from './audit-read.interceptor';

const KEY_RE = /^[\x21-\x7e]{1,200}$/;

@ApiTags('tips')
@Controller('api/tips')
export class TipsController {
  constructor(
    private readonly intake: TipIntakeService,
    private readonly query: TipQueryService,
    private readonly deadlines: TipDeadlineService,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Submit a tip',
    description:
      'Accepted for triage. The same Idempotency-Key with the same body answers the same again.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: '1 to 200 visible ASCII characters',
  })
  @ApiAcceptedResponse({ type: TipAcceptedSchema })
  @ApiErrors({ 409: 'The Idempotency-Key was used with a different body, or is in use' })
  submit(
    @Body() dto: CreateTipDto,
    @Req() req: FastifyRequest,
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key?: string,
  ): Promise<TipAccepted> {
    if (key !== undefined && !KEY_RE.test(key)) {
      throw new DomainError('invalid', 'Idempotency-Key is not valid', {
        'Idempotency-Key': ['Idempotency-Key must be 1 to 200 visible ASCII characters'],
      });
    }
    return this.intake.submit(dto, {
      actor: user.username,
      idempotencyKey: key,
      rawBody: req.body,
    });
  }

  @Post('import')
  @HttpCode(202)
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Import historical tips',
    description:
      "Up to 1,000 records of a district's earlier register, with their original times. An " +
      'externalRef seen before is skipped.',
  })
  @ApiAcceptedResponse({ type: TipImportedSchema })
  import(@Body() dto: ImportTipsDto, @CurrentUser() user: AuthUser) {
    return this.intake.importTips(dto, user.username);
  }

  @Get()
  @Roles('operator', 'investigator', 'supervisor')
  @AuditRead({ action: 'tips.listed', entityType: 'tip', skipUnchangedRepeats: true })
  @ApiOperation({
    summary: 'List tips',
    description:
      'Newest first unless `order=asc`; `from`/`to` bound receivedAt; `overdue=true` keeps the ' +
      'tips past their decision deadline and not yet linked or dismissed. An operator sees the ' +
      'tips it took and those waiting in needs_review.',
  })
  @ApiOkResponse({ type: TipPageSchema })
  list(@Query() q: ListTipsQuery, @CurrentUser() user: AuthUser): Promise<TipPage> {
    return this.query.list(q, user);
  }

  @Get(':id')
  @Roles('operator', 'investigator', 'supervisor')
  @AuditRead({ action: 'tip.read', entityType: 'tip', param: 'id' })
  @ApiOperation({ summary: 'Get a tip' })
  @ApiOkResponse({ type: TipViewSchema })
  get(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<TipView> {
    return this.query.get(idOr404(id, 'tip'), user);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary: "Extend a tip's decision deadline",
    description:
      'Moves decisionDueAt `days` (1 to 60) later, with a reason kept in the trail ' +
      '(`deadline_extended`) and the audit log; at most twice per tip.',
  })
  @ApiOkResponse({ type: TipViewSchema })
  @ApiErrors({
    409: 'Extended twice already, decided (linked or dismissed), or not on a lead yet',
  })
  extend(
    @Param('id') id: string,
    @Body() dto: ExtendDeadlineDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TipView> {
    return this.deadlines.extend(idOr404(id, 'tip'), dto, user);
  }

  @Get(':id/trace')
  @Roles('supervisor')
  @AuditRead({ action: 'tip.trace_read', entityType: 'tip', param: 'id' })
  @ApiOperation({
    summary: "Trace a tip's path",
    description:
      'Every event from intake to arrests, in time order; an imported tip says so (imported, importedAt) and has an imported event.',
  })
  @ApiOkResponse({ type: TipTraceSchema })
  trace(@Param('id') id: string): Promise<TipTrace> {
    return this.query.trace(idOr404(id, 'tip'));
  }
}
