import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantRoute } from '#libs/auth/src/index.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';
import { AuditService } from './audit.service.js';

@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @TenantRoute({ minRole: 'admin' })
  @ApiOperation({ summary: "The tenant's audit trail, newest first unless order=asc" })
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }

  @Get('verify')
  @TenantRoute({ minRole: 'admin' })
  @ApiOperation({ summary: "Recomputes the tenant's hash chain" })
  @ApiOkResponse({ description: '`{valid:true, rows}` or `{valid:false, firstBadSeq}`' })
  verify() {
    return this.audit.verify();
  }
}
