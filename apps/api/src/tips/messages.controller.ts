import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '@app/auth';
import { SendMessageDto, TipMessagesService, TipMessageView } from '@app/tips';
import { idOr404 } from '../common/ids';
import { ApiErrors } from '../openapi/api-error.schema';
import { TipMessageSchema } from '../openapi/schemas/tip.schemas';
import { AuditRead } from './audit-read.interceptor';

@ApiTags('tips')
@Controller('api/tips/:id/messages')
@Roles('investigator', 'supervisor')
export class MessagesController {
  constructor(private readonly messages: TipMessagesService) {}

  @Post()
  @ApiOperation({ summary: 'Write to the tipster' })
  @ApiCreatedResponse({ type: TipMessageSchema })
  @ApiErrors({
    403: "Only the investigator holding the tip's lead, the case's assignee or a supervisor",
    409: 'The tip has no lead: only tips being worked are messaged',
  })
  send(
    @Param('id') id: string,
    @Body() dto: SendMessageDto,
    @CurrentUser() user: AuthUser,
  ): Promise<TipMessageView> {
    return this.messages.send(idOr404(id, 'tip'), dto.body, user.username, user);
  }

  @Get()
  @AuditRead({ action: 'tip.messages_read', entityType: 'tip', param: 'id' })
  @ApiOperation({ summary: 'Read the thread with the tipster' })
  @ApiErrors({
    403: "Only the investigator holding the tip's lead, the case's assignee or a supervisor",
  })
  @ApiOkResponse({ type: TipMessageSchema, isArray: true })
  thread(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<TipMessageView[]> {
    return this.messages.thread(idOr404(id, 'tip'), user);
  }
}
