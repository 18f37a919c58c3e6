import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAction } from '#libs/audit/src/index.js';
import { TenantRoute } from '#libs/auth/src/index.js';
import { QueuedJobDto } from '../jobs/dto/job.dto.js';
import { EventRetention } from './event-retention.js';

@ApiTags('jobs')
@Controller('v1/tenant/retention')
export class RetentionController {
  constructor(private readonly retention: EventRetention) {}

  @Post('run')
  @HttpCode(202)
  @TenantRoute({ minRole: 'owner' })
  @AuditAction({ operation: 'retention.request', entityType: 'job' })
  @ApiOperation({
    operationId: 'runRetention',
    summary: "Queues a retention run now: events older than the tenant's retentionDays go, with the users, fingerprints and domainprints only they made",
  })
  @ApiAcceptedResponse({ type: QueuedJobDto })
  run(): Promise<QueuedJobDto> {
    return this.retention.requestRun();
  }
}
