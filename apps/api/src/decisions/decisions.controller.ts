import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import { LeadPriorityDto, ReviewTipDto, TipDecisionsService, UndoDto } from '@app/decisions';
import type { LeadView } from '@app/leads';
import type { TipView } from '@app/tips';
import { idOr404 } from '../common/ids';
import { ApiErrors } from '../openapi/api-error.schema';
import { LeadViewSchema } from '../openapi/schemas/lead.schemas';
import { TipViewSchema } from '../openapi/schemas/tip.schemas';

/** Triage recommends, people decide: each call is audited with its actor and reason. */
@ApiTags('decisions')
@Controller('api')
export class DecisionsController {
  constructor(private readonly decisions: TipDecisionsService) {}

  @Post('tips/:id/review')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  @ApiOperation({
    summary: 'Decide a tip waiting for review',
    description:
      '`accept` sends it on as if triage had passed it (it opens a lead or joins one); `reject` ' +
      'makes it rejected with the reason.',
  })
  @ApiOkResponse({ type: TipViewSchema })
  @ApiErrors({ 409: 'The tip is not in needs_review' })
  review(
    @Param('id') id: string,
    @Body() dto: ReviewTipDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TipView> {
    return this.decisions.review(idOr404(id, 'tip'), dto, user);
  }

  @Post('tips/:id/restore')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({ summary: 'Restore a rejected tip', description: 'It goes on as if accepted.' })
  @ApiOkResponse({ type: TipViewSchema })
  @ApiErrors({ 409: 'The tip is not rejected' })
  restore(
    @Param('id') id: string,
    @Body() dto: UndoDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TipView> {
    return this.decisions.restore(idOr404(id, 'tip'), dto, user);
  }

  @Post('tips/:id/unmerge')
  @HttpCode(200)
  @Roles('investigator', 'supervisor')
  @ApiOperation({
    summary: 'Unmerge a duplicate',
    description: 'A wrong duplicate leaves the lead it joined and gets a lead of its own.',
  })
  @ApiOkResponse({ type: TipViewSchema })
  @ApiErrors({ 409: 'The tip is not a duplicate on another tip’s lead' })
  unmerge(
    @Param('id') id: string,
    @Body() dto: UndoDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TipView> {
    return this.decisions.unmerge(idOr404(id, 'tip'), dto, user);
  }

  @Post('leads/:id/priority')
  @HttpCode(200)
  @Roles('investigator', 'supervisor')
  @ApiOperation({
    summary: "Set a lead's priority",
    description: "A supervisor, or the lead's claimer, sets an open or claimed lead's priority.",
  })
  @ApiOkResponse({ type: LeadViewSchema })
  @ApiErrors({
    403: 'Neither a supervisor nor the lead’s claimer',
    409: 'The lead is linked or dismissed',
  })
  priority(
    @Param('id') id: string,
    @Body() dto: LeadPriorityDto,
    @CurrentUser() user: AuthUser,
  ): Promise<LeadView> {
    return this.decisions.setLeadPriority(idOr404(id, 'lead'), dto, user);
  }
}
