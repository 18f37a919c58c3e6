import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuditAction } from '#libs/audit/src/index.js';
import { TenantRoute } from '#libs/auth/src/index.js';
import { AcceptedExportFormat, ApiJsonBody, ExportOperation, type ExportFormat, PageQueryDto, ParseIdentifierPipe } from '#libs/http/src/index.js';
import { UpdateUserDto } from './dto/update-user.dto.js';
import { UserDetailDto, UserDto, UserPageDto } from './dto/user-responses.dto.js';
import { UsersExportQueryDto, UsersQueryDto } from './dto/users-query.dto.js';
import { UsersService } from './users.service.js';
import { ReportsFreshness } from '../pipeline/data-freshness.js';

const USER_ID = { name: 'userId', description: 'The end user’s id as events carry it', example: 'user_42' };

@ApiTags('users')
@ReportsFreshness()
@Controller('v1/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @TenantRoute({ minRole: 'viewer', scopes: ['analytics:read'], crossTenant: true })
  @ApiOperation({ operationId: 'listUsers', summary: 'End users seen in events, with risk from the signals of the last 30 days' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: UsersQueryDto) {
    return this.users.list(query);
  }

  // Declared before `:userId`, which would otherwise take `export` for a user id.
  @Get('export')
  @TenantRoute({ minRole: 'viewer', scopes: ['analytics:read'] })
  @ExportOperation('exportUsers', 'Every user the list would page through (same filters, sort and order), streamed from one snapshot', UserDto)
  export(@Query() query: UsersExportQueryDto, @AcceptedExportFormat() format: ExportFormat) {
    return this.users.export(query, format);
  }

  @Get(':userId')
  @TenantRoute({ minRole: 'viewer', scopes: ['analytics:read'] })
  @ApiOperation({
    operationId: 'getUser',
    summary: 'One end user: the list fields plus metadata, stats, fingerprints, domainprints, incidents and recent events (paged by limit/cursor)',
  })
  @ApiParam(USER_ID)
  @ApiOkResponse({ type: UserDetailDto })
  get(@Param('userId', ParseIdentifierPipe) userId: string, @Query() page: PageQueryDto) {
    return this.users.get(userId, page);
  }

  @Patch(':userId')
  @TenantRoute({ minRole: 'editor', scopes: ['users:write'] })
  @AuditAction({ operation: 'user.update', entityType: 'end_user', entityIdParam: 'userId' })
  @ApiOperation({ operationId: 'updateUser', summary: 'Sets status and labels, and deep-merges metadata; answers like GET' })
  @ApiParam(USER_ID)
  @ApiJsonBody(UpdateUserDto, { status: 'trusted', labels: ['vip'], metadata: { plan: 'pro' } })
  @ApiOkResponse({ type: UserDetailDto })
  update(@Param('userId', ParseIdentifierPipe) userId: string, @Body() body: UpdateUserDto) {
    return this.users.update(userId, body);
  }
}
