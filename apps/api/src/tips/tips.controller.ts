import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DomainError, UUID_RE } from '@app/contracts';
import {
  CreateTipDto,
  ImportTipsDto,
  ListTipsQuery,
  TipAccepted,
  TipIntakeService,
  TipPage,
  TipQueryService,
  TipView,
} from '@app/tips';

const KEY_RE = /^[\x21-\x7e]{1,200}$/;

/** An id that is not a UUID cannot name a tip: it is unknown, so 404. */
export function tipIdOr404(id: string): string {
  if (!UUID_RE.test(id)) throw new DomainError('not_found', 'tip not found');
  return id.toLowerCase();
}

@ApiTags('tips')
@Controller('api/tips')
export class TipsController {
  constructor(
    private readonly intake: TipIntakeService,
    private readonly query: TipQueryService,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  submit(
    @Body() dto: CreateTipDto,
    @Req() req: Request,
    @Headers('idempotency-key') key?: string,
  ): Promise<TipAccepted> {
    if (key !== undefined && !KEY_RE.test(key)) {
      throw new DomainError('invalid', 'Idempotency-Key is not valid', {
        'Idempotency-Key': ['Idempotency-Key must be 1 to 200 visible ASCII characters'],
      });
    }
    return this.intake.submit(dto, { actor: null, idempotencyKey: key, rawBody: req.body });
  }

  @Post('import')
  @HttpCode(202)
  import(@Body() dto: ImportTipsDto) {
    return this.intake.importTips(dto, null);
  }

  @Get()
  list(@Query() q: ListTipsQuery): Promise<TipPage> {
    return this.query.list(q);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<TipView> {
    return this.query.get(tipIdOr404(id));
  }
}
