import { Body, Controller, Get, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '@app/auth';
import { RateLimitsConfig, rateLimitsConfig } from '@app/config';
import { DomainError } from '@app/contracts';
import { AttachmentAdded, AttachmentUploadService } from '@app/evidence';
import {
  FollowedTip,
  PublicTipAccepted,
  PublicTipDto,
  PublicTipsService,
  PublicTipView,
  SendMessageDto,
} from '@app/tips';
import { UPLOAD_ERRORS } from '../evidence/attachments.controller';
import { receiveFile } from '../evidence/multipart-file';
import { ApiErrors } from '../openapi/api-error.schema';
import { AttachmentAddedSchema, UPLOAD_BODY } from '../openapi/schemas/attachment.schemas';
import { PublicTipAcceptedSchema, PublicTipViewSchema } from '../openapi/schemas/tip.schemas';
import { clientKey, RateLimit, tooManyRequests } from './rate-limit.guard';
import { RateLimitStore } from './rate-limit.store';

const FAILURE_WINDOW_MS = 15 * 60_000;
const CODE_HEADER = 'x-follow-up-code';
const CODE_DOC = {
  name: 'X-Follow-Up-Code',
  required: true,
  description:
    'The code given when the tip was sent, in any case, with or without dashes or spaces ' +
    '(a code whose check character does not match is a wrong code)',
} as const;
const WRONG_CODE = 'No tip answers to this follow-up code (wrong codes are counted: then 429)';

/**
 * The citizens' channel, without an account. Nothing here logs the client's address, user agent,
 * the code or the text; wrong codes are counted per client (by a keyed hash of its address) and
 * answer 429 once too many were tried.
 */
@ApiTags('public')
@Controller('api/public/tips')
@Public()
export class PublicTipsController {
  constructor(
    private readonly tips: PublicTipsService,
    private readonly limits: RateLimitStore,
    @Inject(rateLimitsConfig.KEY) private readonly rateLimits: RateLimitsConfig,
    private readonly uploads: AttachmentUploadService,
  ) {}

  @Post()
  @HttpCode(202)
  @RateLimit('public-submit')
  @ApiOperation({
    summary: 'Send a tip without an account',
    description: "The tip's reference and a follow-up code, shown this once.",
  })
  @ApiAcceptedResponse({ type: PublicTipAcceptedSchema })
  submit(@Body() dto: PublicTipDto): Promise<PublicTipAccepted> {
    return this.tips.submit(dto);
  }

  @Get('status')
  @RateLimit('public-read')
  @ApiOperation({
    summary: "Follow a tip's status",
    description: 'The coarse status (received, under_review, closed) and the message thread.',
  })
  @ApiHeader(CODE_DOC)
  @ApiOkResponse({ type: PublicTipViewSchema })
  @ApiErrors({ 404: WRONG_CODE })
  async status(
    @Req() req: FastifyRequest,
    @Headers(CODE_HEADER) code: string | undefined,
  ): Promise<PublicTipView> {
    return this.tips.view(await this.open(req, code));
  }

  @Post('messages')
  @HttpCode(201)
  @RateLimit('public-read')
  @ApiOperation({
    summary: 'Write to the investigator',
    description: 'The thread after the message.',
  })
  @ApiHeader(CODE_DOC)
  @ApiCreatedResponse({ type: PublicTipViewSchema })
  @ApiErrors({ 404: WRONG_CODE, 409: 'The tip is closed: send a new tip' })
  async message(
    @Req() req: FastifyRequest,
    @Body() dto: SendMessageDto,
    @Headers(CODE_HEADER) code: string | undefined,
  ): Promise<PublicTipView> {
    return this.tips.write(await this.open(req, code), dto.body);
  }

  @Post('attachments')
  @HttpCode(201)
  @RateLimit('public-submit')
  @ApiOperation({
    summary: 'Add a file to your tip',
    description:
      'One file in the field `file`. Photos are stored without their metadata (EXIF, GPS); ' +
      'videos, sound recordings and PDFs as sent, with whatever they carry.',
  })
  @ApiHeader(CODE_DOC)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: AttachmentAddedSchema })
  @ApiErrors({ ...UPLOAD_ERRORS, 404: WRONG_CODE, 409: `${UPLOAD_ERRORS[409]}, or it is closed` })
  async attach(
    @Req() req: FastifyRequest,
    @Headers(CODE_HEADER) code: string | undefined,
  ): Promise<AttachmentAdded> {
    const tip = await this.open(req, code);
    // As with messages: a closed tip has nobody left to look at it (a rejected one goes to a
    // person when the tipster writes, so it may take a file too).
    if (tip.status === 'closed' && tip.stage !== 'rejected') {
      throw new DomainError(
        'conflict',
        'this tip is closed and takes no more files; if you know more, please send a new tip',
      );
    }
    await this.uploads.checkRoom(tip.tipId);
    return receiveFile(req, this.uploads.maxBytes, (file) =>
      this.uploads.add(tip.tipId, file, { username: null, userId: null, role: null }),
    );
  }

  private async open(req: FastifyRequest, code: string | undefined): Promise<FollowedTip> {
    // No code at all is not a guess: 404 without counting it (nothing secret to time either).
    if (!code) throw new DomainError('not_found', 'no tip answers to this follow-up code');
    const key = `follow-up-failures:${clientKey(req)}`;
    if ((await this.limits.blocked(key)) > 0) throw tooManyRequests();
    const tip = await this.tips.verify(code);
    if (tip) return tip;
    const limit = this.rateLimits.followUpFailures;
    const w = await this.limits.hit(key, FAILURE_WINDOW_MS, limit, FAILURE_WINDOW_MS);
    if (w.blockedUntil > Date.now()) throw tooManyRequests();
    throw new DomainError('not_found', 'no tip answers to this follow-up code');
  }
}
