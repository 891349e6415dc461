import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { QueueHealthService, QueueHealthView } from './queue-health.service';

@ApiTags('operations')
@Controller('api/ops')
@Roles('supervisor', 'admin')
export class OpsController {
  constructor(private readonly health: QueueHealthService) {}

  /** Queue depth, failed jobs, dead letters and the outbox backlog, for the console. */
  @Get('queues')
  queues(): Promise<QueueHealthView> {
    return this.health.health();
  }
}
