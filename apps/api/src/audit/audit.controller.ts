import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, TenantRoute } from '#libs/auth/src/index.js';
import { AcceptedExportFormat, ExportOperation, type ExportFormat } from '#libs/http/src/index.js';
import { AuditExportQueryDto, AuditQueryDto } from './dto/audit-query.dto.js';
import { AuditVerifyQueryDto } from './dto/audit-verify-query.dto.js';
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

  @Get('export')
  @TenantRoute({ minRole: 'admin' })
  @ExportOperation('Every audit row the list would page through (same filters and order), streamed from one snapshot')
  export(@Query() query: AuditExportQueryDto, @AcceptedExportFormat() format: ExportFormat) {
    return this.audit.export(query, format);
  }

  @Get('verify')
  @TenantRoute({ minRole: 'admin' })
  @ApiOperation({ summary: "Recomputes the tenant's hash chain, and with `checkpoint` checks that it still holds that head unchanged" })
  @ApiOkResponse({ description: '`{valid:true, rows}` or `{valid:false, firstBadSeq, reason}`' })
  @ApiBadRequestResponse({ description: '`invalid_checkpoint`: malformed, not signed by this service, or of another tenant' })
  verify(@CurrentTenant() tenantId: string, @Query() query: AuditVerifyQueryDto) {
    return this.audit.verify(tenantId, query.checkpoint);
  }

  @Get('checkpoint')
  @TenantRoute({ minRole: 'admin' })
  @ApiOperation({
    summary: "A signed checkpoint of the chain's head",
    description: 'A compact JWS (ES256, verifiable with /.well-known/jwks.json) over `{tenantId, seq, hash, at}`; keep it outside the system.',
  })
  @ApiOkResponse({ schema: { type: 'object', properties: { checkpoint: { type: 'string' } }, required: ['checkpoint'] } })
  checkpoint() {
    return this.audit.checkpoint();
  }
}
