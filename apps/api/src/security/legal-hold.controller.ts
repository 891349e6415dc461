import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsString, Length } from 'class-validator';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import { LegalHoldService, LegalHoldView } from '@app/retention';
import { IsCleanText } from '@app/contracts';
import { idOr404 } from '../common/ids';
import { LegalHoldSchema } from '../openapi/schemas/case.schemas';

export class LegalHoldDto {
  @IsBoolean({ message: 'hold must be true or false' })
  hold: boolean;

  @IsString()
  @Length(10, 500, { message: 'reason must be 10 to 500 characters' })
  @IsCleanText()
  reason: string;
}

/** A legal hold keeps a case's tipster data past the retention period. Supervisors, audited. */
@ApiTags('cases')
@Controller('api/cases/:id/legal-hold')
export class LegalHoldController {
  constructor(private readonly holds: LegalHoldService) {}

  @Post()
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary: "Set or lift a case's legal hold",
    description: "A held case's tipster data outlives the retention period. Audited.",
  })
  @ApiOkResponse({ type: LegalHoldSchema })
  set(
    @Param('id') id: string,
    @Body() dto: LegalHoldDto,
    @CurrentUser() user: AuthUser,
  ): Promise<LegalHoldView> {
    return this.holds.set(idOr404(id, 'case'), dto.hold, dto.reason, user);
  }
}
