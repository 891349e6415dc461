import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { AuditDenials, AuthUser, CurrentUser, Roles } from '@app/auth';
import { IsCleanText } from '@app/contracts';
import { TipsterIdentity, TipsterRevealService } from '@app/tips';
import { idOr404 } from '../common/ids';
import { ApiErrors } from '../openapi/api-error.schema';
import { TipsterIdentitySchema } from '../openapi/schemas/tip.schemas';

export class RevealTipsterDto {
  /** Why the identity is needed; kept in the audit log beside the access. */
  @IsString()
  @Length(10, 500, { message: 'reason must be 10 to 500 characters' })
  @IsCleanText()
  reason: string;
}

/** Break-glass access to a tipster's identity: supervisors only, with a reason, audited. */
@ApiTags('tips')
@Controller('api/tips/:id/tipster')
export class TipsterController {
  constructor(private readonly reveal: TipsterRevealService) {}

  @Post()
  @HttpCode(200)
  @Roles('supervisor')
  @AuditDenials({ action: 'tipster.revealed', entityType: 'tipster', param: 'id' })
  @ApiOperation({
    summary: "Reveal a tipster's identity (break-glass)",
    description: 'The decrypted identity, audited with the reason; refusals are audited too.',
  })
  @ApiOkResponse({ type: TipsterIdentitySchema })
  @ApiErrors({ 404: 'No such tip, or it holds no identity (anonymous or purged)' })
  open(
    @Param('id') id: string,
    @Body() dto: RevealTipsterDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TipsterIdentity> {
    return this.reveal.reveal(idOr404(id, 'tip'), dto.reason, user);
  }
}
