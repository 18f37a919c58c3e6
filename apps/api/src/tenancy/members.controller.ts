import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditAction } from '#libs/audit/src/index.js';
import { TenantRoute } from '#libs/auth/src/index.js';
import { DEFAULT_PAGE_SIZE, PageQueryDto } from '#libs/http/src/index.js';
import { PutMemberDto } from './dto/member.dto.js';
import { MEMBER_MANAGER_ROLE, MembersService } from './members.service.js';
import { ParseUserIdPipe } from './user-id.pipe.js';

@ApiTags('tenancy')
@Controller('v1/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @TenantRoute({ minRole: 'viewer' })
  @ApiOperation({ summary: "The tenant's members with role, email and createdAt" })
  list(@Query() query: PageQueryDto) {
    return this.members.list(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }

  @Put(':userId')
  @TenantRoute({ minRole: MEMBER_MANAGER_ROLE })
  @AuditAction({ operation: 'member.upsert', entityType: 'member', entityIdParam: 'userId' })
  @ApiOperation({ summary: 'Adds a member or changes its role (idempotent); only owners grant or take away owner' })
  @ApiCreatedResponse({ description: 'Member added' })
  @ApiOkResponse({ description: 'Member updated or unchanged' })
  @ApiConflictResponse({ description: 'Cannot remove the last owner' })
  async put(@Param('userId', ParseUserIdPipe) userId: string, @Body() body: PutMemberDto, @Res({ passthrough: true }) res: Response) {
    const { member, created } = await this.members.put(userId, body.role, body.email);
    res.status(created ? 201 : 200);
    return member;
  }

  @Delete(':userId')
  @HttpCode(204)
  @TenantRoute({ minRole: MEMBER_MANAGER_ROLE })
  @AuditAction({ operation: 'member.remove', entityType: 'member', entityIdParam: 'userId' })
  @ApiOperation({ summary: 'Removes a member' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiConflictResponse({ description: 'Cannot remove the last owner' })
  async remove(@Param('userId', ParseUserIdPipe) userId: string): Promise<void> {
    await this.members.remove(userId);
  }
}
