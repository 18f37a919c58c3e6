import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentTenant, TenantRoute } from '#libs/auth/src/index.js';
import { AcceptedExportFormat, ApiOkResponseOneOf, ExportOperation, type ExportFormat } from '#libs/http/src/index.js';
import { AuditExportQueryDto, AuditQueryDto } from './dto/audit-query.dto.js';
import { AuditCheckpointDto, AuditRecordDto, AuditRecordPageDto, ChainBrokenDto, ChainValidDto } from './dto/audit-responses.dto.js';
import { AuditVerifyQueryDto } from './dto/audit-verify-query.dto.js';
import { AuditService } from './audit.service.js';

@ApiTags('audit')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @TenantRoute({ minRole: 'admin' })
  @ApiOperation({ operationId: 'listAuditRecords', summary: "The tenant's audit trail, newest first unless order=asc" })
  @ApiOkResponse({ type: AuditRecordPageDto })
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }

  @Get('export')
  @TenantRoute({ minRole: 'admin' })
  @ExportOperation('exportAuditLog', 'Every audit row the list would page through (same filters and order), streamed from one snapshot', AuditRecordDto)
  export(@Query() query: AuditExportQueryDto, @AcceptedExportFormat() format: ExportFormat) {
    return this.audit.export(query, format);
  }

  @Get('verify')
  @TenantRoute({ minRole: 'admin' })
  @ApiOperation({
    operationId: 'verifyAuditChain',
    summary: "Recomputes the tenant's hash chain, and with `checkpoint` checks that it still holds that head unchanged",
    description: 'A 400 `invalid_checkpoint` when the checkpoint is malformed, not signed by this service, or of another tenant.',
  })
  @ApiOkResponseOneOf('`{valid:true, rows}` or `{valid:false, firstBadSeq, reason}`', ChainValidDto, ChainBrokenDto)
  verify(@CurrentTenant() tenantId: string, @Query() query: AuditVerifyQueryDto) {
    return this.audit.verify(tenantId, query.checkpoint);
  }

  @Get('checkpoint')
  @TenantRoute({ minRole: 'admin' })
  @ApiOperation({
    operationId: 'getAuditCheckpoint',
    summary: "A signed checkpoint of the chain's head",
    description: 'A compact JWS (ES256, verifiable with /.well-known/jwks.json) over `{tenantId, seq, hash, at}`; keep it outside the system.',
  })
  @ApiOkResponse({ type: AuditCheckpointDto })
  checkpoint() {
    return this.audit.checkpoint();
  }
}
