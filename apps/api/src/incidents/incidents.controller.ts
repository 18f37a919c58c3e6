import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditAction } from '#libs/audit/src/index.js';
import { TenantRoute } from '#libs/auth/src/index.js';
import { ParseIdentifierPipe } from '#libs/http/src/index.js';
import { ReportsFreshness } from '../pipeline/data-freshness.js';
import { IncidentsQueryDto, UpdateIncidentDto } from './dto/incidents.dto.js';
import { IncidentsService } from './incidents.service.js';

@ApiTags('analytics')
@ReportsFreshness()
@Controller('v1/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @TenantRoute({ minRole: 'viewer', scopes: ['analytics:read'] })
  @ApiOperation({ summary: 'Incidents, one per signal, subject and UTC day, newest first (lastSeenAt); filter signal, status, userId, fingerprint, from/to' })
  list(@Query() query: IncidentsQueryDto) {
    return this.incidents.list(query);
  }

  @Get(':id')
  @TenantRoute({ minRole: 'viewer', scopes: ['analytics:read'] })
  @ApiOperation({ summary: 'One incident' })
  @ApiNotFoundResponse({ description: 'Unknown incident (or another tenant’s)' })
  get(@Param('id', ParseIdentifierPipe) id: string) {
    return this.incidents.get(id);
  }

  @Patch(':id')
  @TenantRoute({ minRole: 'editor', scopes: ['users:write'] })
  @AuditAction({ operation: 'incident.update', entityType: 'incident', entityIdParam: 'id' })
  @ApiOperation({ summary: 'Triage: status (open, resolved, dismissed) and a note; later evidence never changes them' })
  @ApiNotFoundResponse({ description: 'Unknown incident (or another tenant’s)' })
  update(@Param('id', ParseIdentifierPipe) id: string, @Body() body: UpdateIncidentDto) {
    return this.incidents.update(id, body);
  }
}
