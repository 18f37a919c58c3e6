import { describe, expect, it } from '@jest/globals';
import { HttpException, InternalServerErrorException } from '@nestjs/common';
import type { ClsService } from '#libs/common/src/cls.service.js';
import type { AppConfig } from '#libs/config/src/index.js';
import type { RequestContext } from '#libs/database/src/index.js';
import { CursorCodec, type CursorSpec } from './cursor-codec.js';
import { deriveCursorKeys, openCursor, sealCursor } from './cursor-token.js';

const KEY = 'deployment-key-0123456789abcdef0123456789';
const SPEC: CursorSpec<['timestamp', 'text']> = { list: 'tokens', sort: 'createdAt', order: 'desc', positions: ['timestamp', 'text'] };
const ROWS = [
  { at: '2026-11-26T10:00:00.000003Z', id: 'c' },
  { at: '2026-11-26T10:00:00.000002Z', id: 'b' },
  { at: '2026-11-26T10:00:00.000001Z', id: 'a' },
];

/** A codec keyed like every instance of one deployment, in a request with the given context. */
function codecIn(context: Partial<RequestContext>, key = KEY): CursorCodec {
  const cls = { isActive: () => true, get: (name: keyof RequestContext) => context[name] } as unknown as ClsService<RequestContext>;
  return new CursorCodec({ auditHmacKey: key } as AppConfig, cls);
}

const tenantA = codecIn({ tenantId: 'acme' });
const firstPage = (codec = tenantA) =>
  codec.page(
    SPEC,
    ROWS,
    2,
    (row) => row.id,
    (row) => [row.at, row.id],
  );

/** The code of the error `work` throws. */
function codeOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return error instanceof HttpException ? `${error.getStatus()} ${(error as HttpException & { code?: string }).code}` : String(error);
  }
  return undefined;
}

describe('CursorCodec', () => {
  it('pages: the kept rows, a cursor at the last of them, and hasMore', () => {
    const page = firstPage();
    expect(page).toEqual({ data: ['c', 'b'], nextCursor: expect.any(String), hasMore: true });
    expect(tenantA.decode(SPEC, page.nextCursor!)).toEqual(['2026-11-26T10:00:00.000002Z', 'b']);
    expect(
      tenantA.page(
        SPEC,
        ROWS,
        3,
        (row) => row.id,
        (row) => [row.at, row.id],
      ),
    ).toEqual({ data: ['c', 'b', 'a'], nextCursor: null, hasMore: false });
    expect(tenantA.decode(SPEC, undefined)).toBeUndefined();
  });

  it('opens a cursor on another instance of the deployment', () => {
    expect(codecIn({ tenantId: 'acme' }).decode(SPEC, firstPage().nextCursor!)).toEqual(['2026-11-26T10:00:00.000002Z', 'b']);
  });

  it('answers invalid_cursor for another tenant, the cross-tenant read, a caller without tenant, or another deployment', () => {
    const cursor = firstPage().nextCursor!;
    for (const codec of [
      codecIn({ tenantId: 'other' }),
      codecIn({ crossTenant: true }),
      codecIn({ principal: { kind: 'admin_key' } }),
      codecIn({ tenantId: 'acme' }, 'another-deployment-key-0123456789abcdef'),
    ]) {
      expect(codeOf(() => codec.decode(SPEC, cursor))).toBe('400 invalid_cursor');
    }
  });

  it('binds an untenanted cursor to its caller', () => {
    const alice = codecIn({ principal: { kind: 'member', sub: 'alice', superadmin: false, claims: {} } });
    const bob = codecIn({ principal: { kind: 'member', sub: 'bob', superadmin: false, claims: {} } });
    const cursor = firstPage(alice).nextCursor!;
    expect(alice.decode(SPEC, cursor)).toEqual(['2026-11-26T10:00:00.000002Z', 'b']);
    expect(codeOf(() => bob.decode(SPEC, cursor))).toBe('400 invalid_cursor');
  });

  it('answers invalid_cursor for another list, sort or order, even with positions of the same kinds', () => {
    const cursor = firstPage().nextCursor!;
    for (const spec of [
      { ...SPEC, list: 'members' },
      { ...SPEC, sort: 'name' },
      { ...SPEC, order: 'asc' as const },
    ]) {
      expect(codeOf(() => tenantA.decode(spec, cursor))).toBe('400 invalid_cursor');
    }
  });

  it('answers invalid_cursor for sealed claims it would never issue', () => {
    const keys = deriveCursorKeys(KEY);
    const genuine = openCursor(keys, firstPage().nextCursor!) as Record<string, unknown>;
    const forgeries: unknown[] = [
      null,
      'claims',
      [genuine],
      { ...genuine, extra: 1 },
      { ...genuine, scope: undefined },
      { ...genuine, list: ['tokens'] },
      { ...genuine, positions: 'x' },
      { ...genuine, positions: ['2026-11-26T10:00:00.000002Z'] },
      { ...genuine, positions: ['2026-11-26T10:00:00.000002Z', 'b', 'c'] },
      { ...genuine, positions: ['2026-11-26T10:00:00.002Z', 'b'] },
      { ...genuine, positions: ['10000-01-01T00:00:00.000000Z', 'b'] },
      { ...genuine, positions: ['2026-11-26T10:00:00.000002Z', 'b\u0000'] },
      { ...genuine, positions: ['2026-11-26T10:00:00.000002Z', 7] },
    ];
    expect(forgeries.map((claims) => codeOf(() => tenantA.decode(SPEC, sealCursor(keys, claims))))).toEqual(forgeries.map(() => '400 invalid_cursor'));
  });

  it('refuses to issue a position it would not accept back', () => {
    expect(() =>
      tenantA.page(
        SPEC,
        ROWS,
        1,
        (row) => row.id,
        () => ['2026-11-26T10:00:00.000Z', 'c'],
      ),
    ).toThrow(InternalServerErrorException);
  });
});
