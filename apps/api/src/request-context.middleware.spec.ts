import { describe, expect, it, jest } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import type { PoolClient } from 'pg';
import { ClsService } from '#libs/common/src/cls.service.js';
import type { RequestContext } from '#libs/database/src/index.js';
import { requestContextMiddleware } from './request-context.middleware.js';

const cls = new ClsService<RequestContext>();
const middleware = requestContextMiddleware(cls);

function request(id: string) {
  return { id, ip: '203.0.113.7' } as unknown as Request;
}

function response(finished: boolean) {
  return Object.assign(new EventEmitter(), { writableFinished: finished }) as unknown as Response & EventEmitter;
}

describe('requestContextMiddleware', () => {
  it('starts each request from a store of its own, even inside the previous request’s context', () => {
    const previous: RequestContext = { requestId: 'req-1', ip: '198.51.100.1', tenantId: 'acme', connection: {} as PoolClient, role: 'owner' };
    let seen: RequestContext | undefined;
    cls.runWith(previous, () => middleware(request('req-2'), response(true), () => (seen = { ...cls.get() })));
    expect(seen).toEqual({ requestId: 'req-2', ip: '203.0.113.7' });
  });

  it('hands the connection the request bound back to the pool when the answer is out', () => {
    const release = jest.fn();
    const res = response(true);
    middleware(request('req-3'), res, () => cls.set('connection', { release } as unknown as PoolClient));
    expect(release).not.toHaveBeenCalled();
    res.emit('close');
    expect(release).toHaveBeenCalledTimes(1);
  });
});
