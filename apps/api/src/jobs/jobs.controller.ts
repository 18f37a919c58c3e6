import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { TenantRoute } from '#libs/auth/src/index.js';
import { ApiErrors } from '#libs/http/src/index.js';
import { JobDto } from './dto/job.dto.js';
import { JobsService } from './jobs.service.js';

@ApiTags('jobs')
@Controller('v1/jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get(':id')
  @TenantRoute({ minRole: 'admin' })
  @ApiOperation({ operationId: 'getJob', summary: "A background job of this tenant and where it stands; another tenant's job is not found" })
  @ApiParam({ name: 'id', description: 'The job id, from the answer that queued it', example: '3f1c2b9e-8a7d-4e52-9b1a-0c6d5e4f3a21' })
  @ApiOkResponse({ type: JobDto })
  @ApiErrors(404)
  get(@Param('id') id: string): Promise<JobDto> {
    return this.jobs.get(id);
  }
}
