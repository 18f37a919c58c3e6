import type { NextFunction, Request, Response } from 'express';
import type { ClsService } from '#libs/common/src/cls.service.js';
import { releaseConnection, type RequestContext } from '#libs/database/src/index.js';
import { requestIdOf } from '#libs/http/src/index.js';

/**
 * Runs every request in a context of its own, started afresh: on a keep-alive socket an inherited one
 * would be the previous request's, with its connection.
 */
export function requestContextMiddleware(cls: ClsService<RequestContext>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const store: RequestContext = { requestId: requestIdOf(req), ip: req.ip ?? '' };
    // The request's connection (bound by the tenant guard) goes back to the pool once the answer is out,
    // or once the client has gone away without it.
    res.on('close', () => void releaseConnection(store, { abandoned: !res.writableFinished }));
    cls.runWith(store, next);
  };
}
