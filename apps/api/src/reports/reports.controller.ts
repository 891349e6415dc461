import { Readable } from 'node:stream';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { AuditWriter } from '@app/audit';
import { AuditDenials, AuthUser, CurrentUser, Roles } from '@app/auth';
import { CATEGORIES, CHANNELS, TIP_STAGES } from '@app/contracts';
import {
  AnnualReport,
  AnnualReportService,
  csvLine,
  DeadlinesReport,
  DeadlinesService,
  Funnel,
  FunnelService,
  TipExportService,
} from '@app/reports';
import { IsWard } from '@app/contracts';
import {
  AnnualReportSchema,
  DeadlinesReportSchema,
  FunnelSchema,
} from '../openapi/schemas/report.schemas';
import { auditEntryFor } from '../tips/audit-read.interceptor';

const TIPS_EXPORT = { action: 'tips.exported', entityType: 'report' } as const;
const CSV_HEADERS = (filename: string) => ({
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': `attachment; filename="${filename}"`,
});
const CSV = (description: string) =>
  ApiOkResponse({ description, content: { 'text/csv': { schema: { type: 'string' } } } });

class AnnualQuery {
  @Type(() => Number)
  @IsInt({ message: 'year must be an integer' })
  @Min(1970)
  @Max(2100)
  year: number;
}

class FunnelQuery {
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 time' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 time' })
  to?: string;

  @IsOptional()
  @IsWard()
  ward?: string;

  @IsOptional()
  @IsIn(CATEGORIES, { message: `category must be one of: ${CATEGORIES.join(', ')}` })
  category?: string;

  @IsOptional()
  @IsIn(CHANNELS, { message: `channel must be one of: ${CHANNELS.join(', ')}` })
  channel?: string;
}

class DeadlinesQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'days must be an integer' })
  @Min(1, { message: 'days must be at least 1' })
  @Max(60, { message: 'days must be at most 60' })
  days?: number;
}

class TipExportQuery extends FunnelQuery {
  @IsOptional()
  @IsIn(TIP_STAGES, { message: `stage must be one of: ${TIP_STAGES.join(', ')}` })
  stage?: string;
}

const FUNNEL_COLUMNS = [
  'tipsReceived',
  'tipsActionable',
  'tipsDuplicate',
  'tipsRejected',
  'tipsNeedingReview',
  'tipsLinked',
  'casesFromTips',
  'casesResolvedFromTips',
  'arrestsFromTips',
  'medianSecondsToTriage',
  'medianSecondsToClaim',
] as const;

@ApiTags('reports')
@Controller('api/reports')
@Roles('supervisor')
export class ReportsController {
  constructor(
    private readonly annual: AnnualReportService,
    private readonly funnels: FunnelService,
    private readonly exports: TipExportService,
    private readonly deadlinesReport: DeadlinesService,
    private readonly audit: AuditWriter,
  ) {}

  @Get('deadlines')
  @ApiOperation({
    summary: 'Decision deadlines by ward',
    description:
      'Undecided tips past their decision deadline, and those due within `days` (default 7), ' +
      'per ward, judged now.',
  })
  @ApiOkResponse({ type: DeadlinesReportSchema })
  deadlines(@Query() q: DeadlinesQuery): Promise<DeadlinesReport> {
    return this.deadlinesReport.report(q.days ?? 7);
  }

  @Get('annual')
  @ApiOperation({
    summary: 'The annual report',
    description:
      'Criminal cases by the year they occurred, solved and cleared, arrests, severe clearance, ' +
      'what tips led to, and the summary in Vietnamese and English.',
  })
  @ApiOkResponse({ type: AnnualReportSchema })
  annualReport(@Query() q: AnnualQuery): Promise<AnnualReport> {
    return this.annual.annual(q.year);
  }

  @Get('funnel')
  @ApiOperation({
    summary: 'The tip funnel',
    description: 'Tips received in [from, to) through triage, linkage, cases and arrests, by ward.',
  })
  @ApiOkResponse({ type: FunnelSchema })
  funnel(@Query() q: FunnelQuery): Promise<Funnel> {
    return this.funnels.funnel(q);
  }

  @Get('funnel.csv')
  @ApiOperation({ summary: 'The tip funnel as CSV', description: 'One line per ward, then total.' })
  @CSV('UTF-8 with a byte order mark, as a download')
  async funnelCsv(@Query() q: FunnelQuery, @Res() reply: FastifyReply): Promise<void> {
    const f = await this.funnels.funnel(q);
    let body = '\ufeff' + csvLine(['ward', ...FUNNEL_COLUMNS]);
    for (const w of f.byWard) body += csvLine([w.ward, ...FUNNEL_COLUMNS.map((c) => w[c])]);
    body += csvLine(['total', ...FUNNEL_COLUMNS.map((c) => f[c])]);
    void reply.headers(CSV_HEADERS('funnel.csv')).send(body);
  }

  @Get('tips.csv')
  @AuditDenials(TIPS_EXPORT)
  @ApiOperation({
    summary: 'Export tips as CSV',
    description: 'Stages and outcomes for a spreadsheet: no text, no tipster. Audited.',
  })
  @CSV('UTF-8 with a byte order mark, as a download')
  async tipsCsv(
    @Query() q: TipExportQuery,
    @Res() reply: FastifyReply,
    @CurrentUser() user: AuthUser,
  ): Promise<void> {
    // Written before the first row leaves: an export that cannot be recorded is not sent.
    await this.audit.record([
      auditEntryFor(user, TIPS_EXPORT, 'tips.csv', 'success', {
        filter: {
          ward: q.ward,
          category: q.category,
          channel: q.channel,
          stage: q.stage,
          from: q.from,
          to: q.to,
        },
      }),
    ]);
    const rows = this.exports.csv(q);
    async function* withBom() {
      yield '\ufeff';
      yield* rows;
    }
    // Streamed row by row, at the pace the client reads.
    void reply.headers(CSV_HEADERS('tips.csv')).send(Readable.from(withBom()));
  }
}
