import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ClsService } from '#libs/common/src/cls.service.js';
import type { RequestContext } from '#libs/database/src/index.js';
import type { IngestCaller } from './ingest.service.js';
import { preferredWait } from './prefer-wait.js';

const cls = new ClsService<RequestContext>();

export interface IngestRequestInfo {
  caller: IngestCaller;
  /** Seconds the caller prefers to wait for processing (`Prefer: wait=N`), 0 for none. */
  wait: number;
}

/** Who ingests (publishable key or not, client address) and how long the answer may wait. */
export const IngestRequest = createParamDecorator((_: unknown, context: ExecutionContext): IngestRequestInfo => {
  const req = context.switchToHttp().getRequest<Request>();
  const principal = cls.get('principal');
  return {
    caller: { publishable: principal?.kind === 'token' && principal.tokenKind === 'publishable', requestIp: req.ip },
    wait: preferredWait(req.headers.prefer),
  };
});
