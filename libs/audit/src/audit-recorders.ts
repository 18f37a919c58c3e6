import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { ClsService } from '#libs/common/src/cls.service.js';
import type { CrossTenantReadRecorder } from '#libs/auth/src/tenant.guard.js';
import { tenantIdFromHeaders } from '#libs/auth/src/tenant-header.js';
import { RequestContext, TenantDatabase } from '#libs/database/src/index.js';
import type { DeniedRequestRecorder } from '#libs/http/src/index.js';
import { AuditWriter } from './audit.writer.js';

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The audit rows no handler writes: mutations refused to an authenticated caller (the exception path
 * sees guard denials that no interceptor does), and superadmin reads across tenants.
 * Unauthenticated failures are only logged, so nobody without a credential can grow a chain.
 */
@Injectable()
export class AuditRecorders implements DeniedRequestRecorder, CrossTenantReadRecorder {
  private readonly logger = new Logger('Audit');

  constructor(
    private readonly cls: ClsService<RequestContext>,
    private readonly db: TenantDatabase,
    private readonly writer: AuditWriter,
  ) {}

  async recordDenied(req: Request, status: number, message: string): Promise<void> {
    if (!MUTATIONS.has(req.method) || !this.cls.isActive()) return;
    const store = this.cls.get();
    const principal = store.principal;
    if (!principal) return;
    const action = store.auditAction;
    if (!action) return;
    let tenantId: string | null = principal.kind === 'token' ? principal.tenantId : (store.tenantId ?? safeTenantHeader(req) ?? null);
    const details: Record<string, unknown> = { status, reason: message };
    if (tenantId !== null && !(await this.db.tenantExists(tenantId))) {
      details.requestedTenantId = tenantId;
      tenantId = null;
    }
    const entityId = action.entityIdParam ? (req.params?.[action.entityIdParam] as string | undefined) : undefined;
    await this.writer.recordDetached(tenantId, {
      operation: action.operation,
      entityType: action.entityType,
      entityId,
      outcome: 'denied',
      details,
    });
  }

  async recordCrossTenantRead(req: Request): Promise<void> {
    await this.writer.recordDetached(null, {
      operation: 'cross_tenant.read',
      entityType: 'route',
      entityId: (req.route as { path: string } | undefined)?.path ?? req.path,
      details: { method: req.method, path: req.path },
    });
    this.logger.log({ requestId: this.cls.get('requestId'), path: req.path }, 'superadmin read across tenants');
  }
}

function safeTenantHeader(req: Request): string | undefined {
  try {
    return tenantIdFromHeaders(req);
  } catch {
    return undefined;
  }
}
