import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuditAction } from '#libs/audit/src/index.js';
import { TenantRoute } from '#libs/auth/src/index.js';
import { ApiJsonBody, ParseIdentifierPipe } from '#libs/http/src/index.js';
import { ReportsFreshness } from '../pipeline/data-freshness.js';
import { IncidentDto, IncidentPageDto } from './dto/incident-responses.dto.js';
import { IncidentsQueryDto, UpdateIncidentDto } from './dto/incidents.dto.js';
import { IncidentsService } from './incidents.service.js';

const INCIDENT_ID = { name: 'id', description: 'The incident id (`inc_...`)', example: 'inc_1042' };

@ApiTags('incidents')
@ReportsFreshness()
@Controller('v1/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  @TenantRoute({ minRole: 'viewer', scopes: ['analytics:read'] })
  @ApiOkResponse({ type: IncidentPageDto })
  @ApiOperation({
    operationId: 'listIncidents',
    summary: 'Incidents, one per signal, subject and UTC day, newest first (lastSeenAt); filter signal, status, userId, fingerprint, from/to',
  })
  list(@Query() query: IncidentsQueryDto) {
    return this.incidents.list(query);
  }

  @Get(':id')
  @TenantRoute({ minRole: 'viewer', scopes: ['analytics:read'] })
  @ApiOperation({ operationId: 'getIncident', summary: 'One incident' })
  @ApiParam(INCIDENT_ID)
  @ApiOkResponse({ type: IncidentDto })
  get(@Param('id', ParseIdentifierPipe) id: string) {
    return this.incidents.get(id);
  }

  @Patch(':id')
  @TenantRoute({ minRole: 'editor', scopes: ['users:write'] })
  @AuditAction({ operation: 'incident.update', entityType: 'incident', entityIdParam: 'id' })
  @ApiOperation({ operationId: 'updateIncident', summary: 'Triage: status (open, resolved, dismissed) and a note; later evidence never changes them' })
  @ApiParam(INCIDENT_ID)
  @ApiJsonBody(UpdateIncidentDto, { status: 'resolved', note: 'Confirmed with the customer: a shared family device' })
  @ApiOkResponse({ type: IncidentDto })
  update(@Param('id', ParseIdentifierPipe) id: string, @Body() body: UpdateIncidentDto) {
    return this.incidents.update(id, body);
  }
}
