import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { ClsService } from '#libs/common/src/cls.service.js';
import type { CrossTenantReadRecorder } from '#libs/auth/src/tenant.guard.js';
import { tenantIdFromHeaders } from '#libs/auth/src/tenant-header.js';
import { Principal, RequestContext, TenantDatabase } from '#libs/database/src/index.js';
import type { DeniedRequestRecorder } from '#libs/http/src/index.js';
import { AuditWriter } from './audit.writer.js';
import { boundedText, MAX_AUDIT_ID_LENGTH, MAX_AUDIT_REASON_LENGTH } from './bounded-text.js';

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Denied rows one caller may add to the platform chain per minute; beyond it they are logged and counted. */
export const PLATFORM_DENIALS_PER_CALLER_PER_MINUTE = 60;

/**
 * The audit rows no handler writes: mutations refused to an authenticated caller (the exception path
 * sees guard denials that no interceptor does), and superadmin reads across tenants.
 *
 * Both are written on the request's own connection (its transaction, if any, has rolled back by then),
 * never on a second one: a request holding a connection while it waits for another from the same pool
 * is how a burst of denials used to exhaust it. A caller with a standing on the addressed tenant (a
 * member, its own machine token, a platform operator) is recorded on that tenant's chain; anyone else on
 * the platform chain, within a per-caller limit, so strangers can grow neither a tenant's chain nor,
 * without bound, the platform's. Unauthenticated failures are only logged.
 */
@Injectable()
export class AuditRecorders implements DeniedRequestRecorder, CrossTenantReadRecorder {
  private readonly logger = new Logger('Audit');
  private unchainedDenials = 0;

  constructor(
    private readonly cls: ClsService<RequestContext>,
    private readonly db: TenantDatabase,
    private readonly writer: AuditWriter,
  ) {}

  async recordDenied(req: Request, status: number, message: string): Promise<void> {
    if (!MUTATIONS.has(req.method) || !this.cls.isActive()) return;
    const { principal, auditAction: action } = this.cls.get();
    if (!principal || !action) return;
    const entityId = action.entityIdParam ? (req.params?.[action.entityIdParam] as string | undefined) : undefined;
    const details: Record<string, unknown> = { status, reason: boundedText(message, MAX_AUDIT_REASON_LENGTH) };
    const entry = { operation: action.operation, entityType: action.entityType, entityId, details };
    const addressed = principal.kind === 'token' ? principal.tenantId : (this.cls.get('tenantId') ?? safeTenantHeader(req));
    if (addressed !== undefined && (await this.hasStanding(principal, addressed))) {
      await this.writer.record({ ...entry, outcome: 'denied' });
      return;
    }
    if (addressed !== undefined) details.requestedTenantId = boundedText(addressed, MAX_AUDIT_ID_LENGTH);
    await this.db.bindCrossTenant();
    if (await this.writer.recordPlatformDenial(entry, PLATFORM_DENIALS_PER_CALLER_PER_MINUTE)) return;
    this.unchainedDenials += 1;
    this.logger.warn(
      { requestId: this.cls.get('requestId'), operation: entry.operation, status, unchainedDenials: this.unchainedDenials },
      'denied mutation not chained: the caller is over its per-minute limit on the platform chain',
    );
  }

  async recordCrossTenantRead(req: Request): Promise<void> {
    await this.writer.record({
      operation: 'cross_tenant.read',
      entityType: 'route',
      entityId: (req.route as { path: string } | undefined)?.path ?? req.path,
      details: { method: req.method, path: req.path },
    });
    this.logger.log({ requestId: this.cls.get('requestId'), path: req.path }, 'superadmin read across tenants');
  }

  /** Binds the request's connection to `tenantId` and answers, as of now, whether the caller may be recorded there. */
  private async hasStanding(principal: Principal, tenantId: string): Promise<boolean> {
    // The gates may already have found a role here (a role from the token's claims has no row to find again).
    const admitted = this.cls.get('tenantId') === tenantId && this.cls.get('role') !== undefined;
    const binding = await this.db.bindTenant(tenantId, principal.kind === 'member' ? principal.sub : undefined);
    if (!binding.tenantExists) return false;
    if (principal.kind !== 'member' || principal.superadmin) return true;
    // A tenant IdP can mint any `sub`: its tokens stand on their own tenant only, and only while it registers that issuer.
    if (principal.issuerTenantId !== undefined && (principal.issuerTenantId !== tenantId || binding.issuer !== principal.claims.iss)) return false;
    return admitted || binding.role !== null;
  }
}

function safeTenantHeader(req: Request): string | undefined {
  try {
    return tenantIdFromHeaders(req);
  } catch {
    return undefined;
  }
}
