import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditAction } from '#libs/audit/src/index.js';
import { TenantRoute } from '#libs/auth/src/index.js';
import { ApiErrors, ApiJsonBody, DEFAULT_PAGE_SIZE, PageQueryDto } from '#libs/http/src/index.js';
import { PutMemberDto } from './dto/member.dto.js';
import { MemberDto, MemberPageDto } from './dto/tenancy-responses.dto.js';
import { MEMBER_MANAGER_ROLE, MembersService } from './members.service.js';
import { ParseUserIdPipe } from './user-id.pipe.js';

const MEMBER_ID = { name: 'userId', description: 'The member’s IdP subject', example: 'user_2analyst' };

@ApiTags('tenancy')
@Controller('v1/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @TenantRoute({ minRole: 'viewer' })
  @ApiOperation({ operationId: 'listMembers', summary: "The tenant's members with role, email and createdAt" })
  @ApiOkResponse({ type: MemberPageDto })
  list(@Query() query: PageQueryDto) {
    return this.members.list(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }

  @Put(':userId')
  @TenantRoute({ minRole: MEMBER_MANAGER_ROLE })
  @AuditAction({ operation: 'member.upsert', entityType: 'member', entityIdParam: 'userId' })
  @ApiOperation({ operationId: 'putMember', summary: 'Adds a member or changes its role (idempotent); only owners grant or take away owner' })
  @ApiParam(MEMBER_ID)
  @ApiJsonBody(PutMemberDto, { role: 'viewer', email: 'analyst@example.com' })
  @ApiCreatedResponse({ type: MemberDto, description: 'Member added' })
  @ApiOkResponse({ type: MemberDto, description: 'Member updated or unchanged' })
  @ApiErrors({ status: 409, description: '`last_owner`: the change would leave the tenant without an owner' })
  async put(@Param('userId', ParseUserIdPipe) userId: string, @Body() body: PutMemberDto, @Res({ passthrough: true }) res: Response) {
    const { member, created } = await this.members.put(userId, body.role, body.email);
    res.status(created ? 201 : 200);
    return member;
  }

  @Delete(':userId')
  @HttpCode(204)
  @TenantRoute({ minRole: MEMBER_MANAGER_ROLE })
  @AuditAction({ operation: 'member.remove', entityType: 'member', entityIdParam: 'userId' })
  @ApiOperation({ operationId: 'removeMember', summary: 'Removes a member (not yourself; admins cannot remove owners)' })
  @ApiParam(MEMBER_ID)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors({ status: 409, description: '`last_owner`: the tenant would be left without an owner' })
  async remove(@Param('userId', ParseUserIdPipe) userId: string): Promise<void> {
    await this.members.remove(userId);
  }
}
