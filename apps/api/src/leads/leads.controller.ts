import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import {
  ClaimLeadDto,
  ClaimLeadService,
  DismissLeadDto,
  LeadView,
  LinkLeadDto,
  WorkLeadService,
} from '@app/leads';
import { idOr404 } from '../common/ids';
import { ApiErrors } from '../openapi/api-error.schema';
import { LeadLinkedSchema, LeadPageSchema, LeadViewSchema } from '../openapi/schemas/lead.schemas';

class ListLeadsQuery {
  @IsOptional()
  @IsIn(['open', 'claimed', 'linked', 'dismissed'], {
    message: 'stage must be one of: open, claimed, linked, dismissed',
  })
  stage?: string;

  /** `true`: only urgent leads (a threat to life named in one of their tips). */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'urgent must be true or false' })
  urgent?: 'true' | 'false';

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsUUID('all', { message: 'cursor must be a nextCursor value returned by this list' })
  cursor?: string;
}

@ApiTags('leads')
@Controller('api/leads')
@Roles('investigator', 'supervisor')
export class LeadsController {
  constructor(
    private readonly claims: ClaimLeadService,
    private readonly work: WorkLeadService,
  ) {}

  @Post('claim')
  @ApiOperation({
    summary: 'Claim the next lead',
    description:
      'The open lead with the highest effective priority (urgent first, older leads rise with ' +
      "age), now the caller's until leaseExpiresAt. Never the same lead to two callers at once.",
  })
  @ApiOkResponse({ type: LeadViewSchema, description: 'The lead, now claimed by the caller' })
  @ApiNoContentResponse({ description: 'No open lead matches' })
  async claim(
    @Body() dto: ClaimLeadDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<LeadView | undefined> {
    const lead = await this.claims.claim(dto, user);
    if (!lead) {
      res.status(204);
      return undefined;
    }
    res.status(200);
    return lead;
  }

  @Post(':id/renew')
  @HttpCode(200)
  @ApiOperation({ summary: "Renew a lead's lease" })
  @ApiOkResponse({ type: LeadViewSchema })
  @ApiErrors({ 409: 'The caller does not hold the lead (or its lease expired)' })
  renew(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<LeadView> {
    return this.claims.renew(idOr404(id, 'lead'), user);
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({ summary: 'Release a claimed lead', description: 'It goes back to the queue.' })
  @ApiOkResponse({ type: LeadViewSchema })
  @ApiErrors({ 409: 'The caller does not hold the lead (or its lease expired)' })
  release(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<LeadView> {
    return this.claims.release(idOr404(id, 'lead'), user);
  }

  @Post(':id/link')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Link a lead to a case',
    description: 'To an existing case (`caseId`) or a new one (`newCase`): exactly one of the two.',
  })
  @ApiOkResponse({ type: LeadLinkedSchema })
  @ApiErrors({
    409: 'The caller does not hold the lead, or the case is resolved',
  })
  link(@Param('id') id: string, @Body() dto: LinkLeadDto, @CurrentUser() user: AuthUser) {
    return this.work.link(idOr404(id, 'lead'), dto, user);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Dismiss a lead',
    description: 'With a reason; its tips are dismissed.',
  })
  @ApiOkResponse({ type: LeadViewSchema })
  @ApiErrors({ 409: 'The caller does not hold the lead' })
  dismiss(
    @Param('id') id: string,
    @Body() dto: DismissLeadDto,
    @CurrentUser() user: AuthUser,
  ): Promise<LeadView> {
    return this.work.dismiss(idOr404(id, 'lead'), dto, user);
  }

  @Get()
  @ApiOperation({ summary: 'List leads', description: 'Newest first.' })
  @ApiOkResponse({ type: LeadPageSchema })
  list(@Query() q: ListLeadsQuery) {
    return this.work.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a lead' })
  @ApiOkResponse({ type: LeadViewSchema })
  get(@Param('id') id: string): Promise<LeadView> {
    return this.work.get(idOr404(id, 'lead'));
  }
}
