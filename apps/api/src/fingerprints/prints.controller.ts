import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { TenantRoute } from '#libs/auth/src/index.js';
import { PageQueryDto, ParseIdentifierPipe } from '#libs/http/src/index.js';
import { DomainprintsQueryDto, FingerprintsQueryDto } from './dto/prints-query.dto.js';
import { DomainprintDetailDto, DomainprintPageDto, FingerprintDetailDto, FingerprintPageDto } from './dto/print-responses.dto.js';
import { PrintsService } from './prints.service.js';
import { ReportsFreshness } from '../pipeline/data-freshness.js';

@ApiTags('fingerprints')
@ReportsFreshness()
@Controller('v1/fingerprints')
export class FingerprintsController {
  constructor(private readonly prints: PrintsService) {}

  @Get()
  @TenantRoute({ minRole: 'viewer', scopes: ['analytics:read'], crossTenant: true })
  @ApiOperation({
    operationId: 'listFingerprints',
    summary: 'Fingerprints by last seen (or user or event count), descending unless order=asc; collision = seen with more than one user',
  })
  @ApiOkResponse({ type: FingerprintPageDto })
  list(@Query() query: FingerprintsQueryDto) {
    return this.prints.listFingerprints(query);
  }

  @Get(':fingerprint')
  @TenantRoute({ minRole: 'viewer', scopes: ['analytics:read'] })
  @ApiOperation({ operationId: 'getFingerprint', summary: 'One fingerprint with its users (most recent 100) and its events (paged by limit/cursor)' })
  @ApiOkResponse({ type: FingerprintDetailDto })
  get(@Param('fingerprint', ParseIdentifierPipe) fingerprint: string, @Query() page: PageQueryDto) {
    return this.prints.getFingerprint(fingerprint, page);
  }
}

@ApiTags('fingerprints')
@ReportsFreshness()
@Controller('v1/domainprints')
export class DomainprintsController {
  constructor(private readonly prints: PrintsService) {}

  @Get()
  @TenantRoute({ minRole: 'viewer', scopes: ['analytics:read'], crossTenant: true })
  @ApiOperation({ operationId: 'listDomainprints', summary: 'Domainprints, most recently seen first; crossDomain = seen on more than one domain' })
  @ApiOkResponse({ type: DomainprintPageDto })
  list(@Query() query: DomainprintsQueryDto) {
    return this.prints.listDomainprints(query, query.crossDomainOnly === 'true');
  }

  @Get(':domainprint')
  @TenantRoute({ minRole: 'viewer', scopes: ['analytics:read'] })
  @ApiOperation({
    operationId: 'getDomainprint',
    summary: 'One domainprint with its users and fingerprints (most recent 100 each), domains, and events (paged by limit/cursor)',
  })
  @ApiOkResponse({ type: DomainprintDetailDto })
  get(@Param('domainprint', ParseIdentifierPipe) domainprint: string, @Query() page: PageQueryDto) {
    return this.prints.getDomainprint(domainprint, page);
  }
}
