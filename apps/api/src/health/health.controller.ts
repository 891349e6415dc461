import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import type { Queue } from 'bullmq';
import { Public } from '@app/auth';
import { QueueName } from '@app/contracts';
import { AliveSchema } from '../openapi/schemas/operations.schemas';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @InjectQueue(QueueName.Triage) private readonly queue: Queue,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Alive', description: 'The process answers.' })
  @ApiOkResponse({ type: AliveSchema })
  alive(): AliveSchema {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary: 'Ready',
    description: '200 only when PostgreSQL and Redis both answer.',
  })
  ready() {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 2000 }),
      async () => {
        const redis = this.indicators.check('redis');
        try {
          await Promise.race([
            this.queue.getJobCounts('waiting'),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000)),
          ]);
          return redis.up();
        } catch {
          return redis.down();
        }
      },
    ]);
  }
}
