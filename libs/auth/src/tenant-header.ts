import { BadRequestException } from '@nestjs/common';
import type { Request } from 'express';
import { ApiException } from '#libs/http/src/index.js';

export const TENANT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** `X-Organization-Id`, or its alias `X-Tenant-Id`; both present and different is ambiguous, so 400. */
export function tenantIdFromHeaders(req: Request): string | undefined {
  const organization = single(req.headers['x-organization-id']);
  const tenant = single(req.headers['x-tenant-id']);
  if (organization !== undefined && tenant !== undefined && organization !== tenant) {
    throw new ApiException(400, 'tenant_header_conflict', 'X-Organization-Id and X-Tenant-Id name different tenants');
  }
  const tenantId = organization ?? tenant;
  if (tenantId === undefined || tenantId === '') return undefined;
  if (!TENANT_ID_PATTERN.test(tenantId)) {
    throw new BadRequestException('X-Organization-Id must match ^[A-Za-z0-9_-]{1,64}$');
  }
  return tenantId;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
