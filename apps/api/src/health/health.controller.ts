import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#libs/auth/src/index.js';
import { HealthStatusDto, LivenessDto } from './dto/health-responses.dto.js';
import { HealthService, HealthStatus } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({ operationId: 'getHealth', summary: 'Process and database health, with the version' })
  @ApiOkResponse({ type: HealthStatusDto, description: 'Process and database are up' })
  // Its own shape, not the error body: monitors read the same fields in both answers.
  @ApiServiceUnavailableResponse({ type: HealthStatusDto, description: 'The database is unreachable: `{status:"error", db:"down"}` (Retry-After)' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthStatus> {
    const status = await this.health.check();
    if (status.status !== 'ok') res.status(503).setHeader('Retry-After', '5');
    return status;
  }

  @Get('live')
  @Public()
  @ApiOperation({ operationId: 'getLiveness', summary: 'Process liveness; never touches the database' })
  @ApiOkResponse({ type: LivenessDto, description: 'The process is alive' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
