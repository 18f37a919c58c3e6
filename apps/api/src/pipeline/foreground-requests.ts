import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { isIngestRequest } from './ingest-routes.js';

/**
 * The requests this instance is answering, ingestion aside: the dashboard and machine reads and writes
 * whose latency people see. The in-process worker yields to them (see PipelineWorker); a process
 * without HTTP (`npm run worker`) never has any.
 */
@Injectable()
export class ForegroundRequests {
  private inFlight = 0;

  readonly track = (req: Request, res: Response, next: NextFunction): void => {
    if (!isIngestRequest(req)) {
      this.inFlight += 1;
      res.once('close', () => (this.inFlight -= 1));
    }
    next();
  };

  get busy(): boolean {
    return this.inFlight > 0;
  }
}
