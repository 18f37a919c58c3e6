import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { from, mergeMap, Observable } from 'rxjs';
import { TenantDatabase } from '#libs/database/src/index.js';
import { PipelineStatusService } from './pipeline-status.service.js';

const REPORTS_FRESHNESS = 'reportsDataFreshness';

/** Marks reads of the pipeline's read models (identity, analytics, incidents): they answer with `X-Data-Freshness`. */
export const ReportsFreshness = () => SetMetadata(REPORTS_FRESHNESS, true);

/**
 * `X-Data-Freshness`: the arrival time through which the tenant's events are processed, read before the
 * handler runs, so the data answered is at least that fresh. Not sent for reads across tenants.
 */
@Injectable()
export class DataFreshnessInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly db: TenantDatabase,
    private readonly status: PipelineStatusService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const marked = this.reflector.getAllAndOverride<boolean>(REPORTS_FRESHNESS, [context.getHandler(), context.getClass()]);
    if (!marked || this.db.crossTenant || !this.db.tenantId) return next.handle();
    const res = context.switchToHttp().getResponse<Response>();
    return from(this.status.processedThrough()).pipe(
      mergeMap((through) => {
        res.setHeader('X-Data-Freshness', through.toISOString());
        return next.handle();
      }),
    );
  }
}
