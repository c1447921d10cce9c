import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../../common/auth/auth.decorators';
import { ApiOperationDoc } from '../../../common/http/api-operation';
import { HealthService } from '../services/health.service';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOperationDoc({
    summary: 'Liveness probe',
    description:
      'Answers 200 while the process runs; for a supervisor deciding whether to restart it. Changes nothing.',
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperationDoc({
    summary: 'Readiness probe',
    description:
      'Answers 200 when the database answers and the server is not shutting down, else 503 with Retry-After; for a load balancer deciding whether to send traffic. Changes nothing.',
  })
  ready() {
    return this.health.ready();
  }
}
