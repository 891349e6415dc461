import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import { LeadPriorityDto, ReviewTipDto, TipDecisionsService, UndoDto } from '@app/decisions';
import type { LeadView } from '@app/leads';
import type { TipView } from '@app/tips';
import { idOr404 } from '../common/ids';

/** Triage recommends, people decide: each call is audited with its actor and reason. */
@ApiTags('decisions')
@Controller('api')
export class DecisionsController {
  constructor(private readonly decisions: TipDecisionsService) {}

  /** Accept (opens a lead or joins one) or reject a tip waiting in `needs_review`. */
  @Post('tips/:id/review')
  @HttpCode(200)
  @Roles('operator', 'supervisor')
  review(
    @Param('id') id: string,
    @Body() dto: ReviewTipDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TipView> {
    return this.decisions.review(idOr404(id, 'tip'), dto, user);
  }

  /** A rejected tip goes on as if accepted. */
  @Post('tips/:id/restore')
  @HttpCode(200)
  @Roles('supervisor')
  restore(
    @Param('id') id: string,
    @Body() dto: UndoDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TipView> {
    return this.decisions.restore(idOr404(id, 'tip'), dto, user);
  }

  /** A wrong duplicate leaves the lead it joined and gets a lead of its own. */
  @Post('tips/:id/unmerge')
  @HttpCode(200)
  @Roles('investigator', 'supervisor')
  unmerge(
    @Param('id') id: string,
    @Body() dto: UndoDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TipView> {
    return this.decisions.unmerge(idOr404(id, 'tip'), dto, user);
  }

  /** A supervisor, or the lead's claimer, sets an open or claimed lead's priority. */
  @Post('leads/:id/priority')
  @HttpCode(200)
  @Roles('investigator', 'supervisor')
  priority(
    @Param('id') id: string,
    @Body() dto: LeadPriorityDto,
    @CurrentUser() user: AuthUser,
  ): Promise<LeadView> {
    return this.decisions.setLeadPriority(idOr404(id, 'lead'), dto, user);
  }
}
