import { Readable } from 'node:stream';
import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditDenials, AuthUser, CurrentUser, Roles } from '@app/auth';
import {
  AttachmentAdded,
  AttachmentReadService,
  AttachmentUploadService,
  AttachmentView,
} from '@app/evidence';
import { idOr404 } from '../common/ids';
import { ApiErrors } from '../openapi/api-error.schema';
import {
  AttachmentAddedSchema,
  AttachmentSchema,
  UPLOAD_BODY,
} from '../openapi/schemas/attachment.schemas';
import { AuditRead } from '../tips/audit-read.interceptor';
import { receiveFile } from './multipart-file';

export const UPLOAD_ERRORS = {
  409: 'The tip already has its most files (ATTACHMENTS_PER_TIP)',
  413: 'The file is over ATTACHMENT_MAX_BYTES',
  415: 'Not multipart/form-data, or a type of file that is not accepted (judged from its bytes)',
} as const;

/**
 * Evidence with a tip: files come in streamed (never whole in memory) and go out only as
 * downloads, never shown inline: `attachment` disposition, `nosniff` and a sandbox CSP.
 */
@ApiTags('evidence')
@Controller('api')
export class AttachmentsController {
  constructor(
    private readonly uploads: AttachmentUploadService,
    private readonly reads: AttachmentReadService,
  ) {}

  @Post('tips/:id/attachments')
  @HttpCode(201)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Add a file to a tip',
    description:
      'One file in the field `file`. Operators add to the tips they took. Images are stored ' +
      'without their metadata (EXIF, GPS); other kinds as sent.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: AttachmentAddedSchema })
  @ApiErrors({ ...UPLOAD_ERRORS, 403: 'An operator adds files only to the tips it took' })
  async upload(
    @Param('id') id: string,
    @Req() req: FastifyRequest,
    @CurrentUser() user: AuthUser,
  ): Promise<AttachmentAdded> {
    const tipId = idOr404(id, 'tip');
    await this.uploads.checkMayAdd(tipId, user);
    return receiveFile(req, this.uploads.maxBytes, (file) =>
      this.uploads.add(tipId, file, { username: user.username, userId: user.id, role: user.role }),
    );
  }

  @Get('tips/:id/attachments')
  @Roles('operator', 'investigator', 'supervisor')
  @AuditRead({ action: 'tip.attachments_listed', entityType: 'tip', param: 'id' })
  @ApiOperation({ summary: "List a tip's files", description: 'Oldest first, with their SHA-256.' })
  @ApiOkResponse({ type: AttachmentSchema, isArray: true })
  list(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<AttachmentView[]> {
    return this.reads.list(idOr404(id, 'tip'), user);
  }

  @Get('attachments/:id')
  @Roles('operator', 'investigator', 'supervisor')
  @AuditDenials({ action: 'attachment.downloaded', entityType: 'attachment', param: 'id' })
  @ApiOperation({
    summary: 'Download a file',
    description:
      'The stored bytes, as a download (never inline), for those who may read the tip. ' +
      'Every download is audited.',
  })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' }, description: 'The file' })
  async download(
    @Param('id') id: string,
    @CurrentUser() user: AuthUser,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const file = await this.reads.download(idOr404(id, 'attachment'), user);
    // A failure midway cuts the connection: the client sees a short body, never a wrong one.
    void reply
      .status(200)
      .headers({
        'Content-Type': file.mime,
        'Content-Length': String(file.size),
        'Content-Disposition': `attachment; filename="evidence-${file.id.slice(0, 8)}.${file.ext}"`,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox; frame-ancestors 'none'",
        'Cache-Control': 'no-store',
        'X-Attachment-SHA256': file.sha256,
      })
      .send(Readable.from(file.bytes));
  }
}
