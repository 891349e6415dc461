import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { Response } from 'express';
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

  /** The open lead with the highest effective priority, now the caller's until its lease ends. */
  @Post('claim')
  async claim(
    @Body() dto: ClaimLeadDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
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
  renew(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<LeadView> {
    return this.claims.renew(idOr404(id, 'lead'), user);
  }

  @Post(':id/release')
  @HttpCode(200)
  release(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<LeadView> {
    return this.claims.release(idOr404(id, 'lead'), user);
  }

  @Post(':id/link')
  @HttpCode(200)
  link(@Param('id') id: string, @Body() dto: LinkLeadDto, @CurrentUser() user: AuthUser) {
    return this.work.link(idOr404(id, 'lead'), dto, user);
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  dismiss(
    @Param('id') id: string,
    @Body() dto: DismissLeadDto,
    @CurrentUser() user: AuthUser,
  ): Promise<LeadView> {
    return this.work.dismiss(idOr404(id, 'lead'), dto, user);
  }

  @Get()
  list(@Query() q: ListLeadsQuery) {
    return this.work.list(q);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<LeadView> {
    return this.work.get(idOr404(id, 'lead'));
  }
}
