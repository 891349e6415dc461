import {
  Controller,
  Get,
  Headers,
  HttpCode,
  NotAcceptableException,
  Param,
  Post,
  Query,
  Sse,
} from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Observable } from 'rxjs';
import { AuthUser, CurrentUser, ROLES, Roles } from '@app/auth';
import {
  ListNotificationsQuery,
  NotificationPage,
  NotificationQueryService,
  NotificationStreamService,
  StreamEvent,
  STREAM_MAX_MS,
} from '@app/notifications';
import { idOr404 } from '../common/ids';
import { ApiErrorSchema } from '../openapi/api-error.schema';
import { NotificationPageSchema } from '../openapi/schemas/notification.schemas';

@ApiTags('notifications')
@Controller('api/notifications')
@Roles(...ROLES)
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationQueryService,
    private readonly live: NotificationStreamService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'My notifications',
    description:
      'The caller’s own notifications, newest first; `unread=true` only unread ones. Each names ' +
      'a lead or tip by id, never its text.',
  })
  @ApiOkResponse({ type: NotificationPageSchema })
  list(
    @Query() q: ListNotificationsQuery,
    @CurrentUser() user: AuthUser,
  ): Promise<NotificationPage> {
    return this.notifications.list(user.id, q);
  }

  @Sse('stream')
  @ApiOperation({
    summary: 'My notifications, live',
    description:
      'Server-sent events (`text/event-stream`) with the bearer token in the Authorization ' +
      'header, never in the URL, and `Accept: text/event-stream` (else 406): read it with fetch (e.g. @microsoft/fetch-event-source), not ' +
      'EventSource. A `ready` event opens it; each new notification is an event ' +
      '`notification` whose data is a Notification (JSON); `ping` events keep the connection ' +
      'open. The stream ends after ' +
      `${STREAM_MAX_MS / 1000} seconds: reconnect (the request is authorised again) and reload ` +
      'the list to catch up. Any API replica delivers any notification.',
  })
  @ApiOkResponse({
    description: 'Events `ready`, then `notification` (data: a Notification) and `ping`',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiResponse({
    status: 406,
    description: 'The request does not accept text/event-stream',
    type: ApiErrorSchema,
  })
  stream(
    @CurrentUser() user: AuthUser,
    @Headers('accept') accept?: string,
  ): Observable<StreamEvent> {
    // A client that does not ask for a stream (a plain JSON call) is answered at once instead
    // of being held open.
    if (!accept?.includes('text/event-stream')) {
      throw new NotAcceptableException('this route answers Accept: text/event-stream only');
    }
    return this.live.stream(user.id);
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Mark a notification read',
    description: 'Another person’s notification is 404, as an unknown one.',
  })
  @ApiNoContentResponse({ description: 'Read' })
  async read(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<void> {
    await this.notifications.markRead(idOr404(id, 'notification'), user);
  }
}
