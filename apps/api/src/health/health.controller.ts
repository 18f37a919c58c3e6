import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '#libs/auth/src/index.js';
import { HealthService, HealthStatus } from './health.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOkResponse({ description: 'Process and database are up' })
  @ApiServiceUnavailableResponse({ description: 'The database is unreachable' })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthStatus> {
    const status = await this.health.check();
    if (status.status !== 'ok') res.status(503).setHeader('Retry-After', '5');
    return status;
  }

  @Get('live')
  @Public()
  @ApiOkResponse({ description: 'The process is alive (never touches the database)' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
