import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { QueueHealthViewSchema } from '../openapi/schemas/operations.schemas';
import { QueueHealthService, QueueHealthView } from './queue-health.service';

@ApiTags('operations')
@Controller('api/ops')
@Roles('supervisor', 'admin')
export class OpsController {
  constructor(private readonly health: QueueHealthService) {}

  @Get('queues')
  @ApiOperation({
    summary: 'Queue health',
    description: 'Queue depth, failed jobs, dead letters and the outbox backlog, for the console.',
  })
  @ApiOkResponse({ type: QueueHealthViewSchema })
  queues(): Promise<QueueHealthView> {
    return this.health.health();
  }
}
