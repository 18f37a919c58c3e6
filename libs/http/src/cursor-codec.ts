import { Inject, Injectable, InternalServerErrorException } from '@nestjs/common';
import { ClsService } from '#libs/common/src/cls.service.js';
import { APP_CONFIG, type AppConfig } from '#libs/config/src/index.js';
import type { RequestContext, SortOrder } from '#libs/database/src/index.js';
import { ApiException } from './error-codes.js';
import { isPosition, type PositionKind, type Positions } from './cursor-positions.js';
import { deriveCursorKeys, openCursor, sealCursor, type CursorKeys } from './cursor-token.js';

/** One list's keyset: a cursor opens only for the list, sort and order it was issued for. */
export interface CursorSpec<K extends readonly PositionKind[] = readonly PositionKind[]> {
  list: string;
  sort: string;
  order: SortOrder;
  /** The kinds of the position's values, in the order of the list's sort columns. */
  positions: K;
}

/** What a cursor carries besides its list's spec: whose rows it pages. */
interface CursorClaims {
  list: string;
  scope: string;
  sort: string;
  order: SortOrder;
  positions: unknown[];
}

const CLAIM_KEYS = ['list', 'order', 'positions', 'scope', 'sort'];

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  hasMore: boolean;
}

/**
 * Issues and opens the opaque cursors of every list. A cursor is bound to the tenant of the request
 * (or the cross-tenant read, or, outside any tenant, the caller): one tenant's cursor is another's 400.
 * Whatever a client sends is verified and its positions range-checked before a query sees them.
 */
@Injectable()
export class CursorCodec {
  private readonly keys: CursorKeys;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly cls: ClsService<RequestContext>,
  ) {
    this.keys = deriveCursorKeys(config.auditHmacKey);
  }

  /** The position after which the page starts; undefined without a cursor; a 400 `invalid_cursor` for anything not issued for `spec` here. */
  decode<K extends readonly PositionKind[]>(spec: CursorSpec<K>, cursor: string | undefined): Positions<K> | undefined {
    if (cursor === undefined) return undefined;
    const claims = openCursor(this.keys, cursor);
    if (!this.matches(spec, claims)) throw new ApiException(400, 'invalid_cursor', 'cursor was not issued for this list, sort, order and tenant');
    return claims.positions as Positions<K>;
  }

  /** Rows fetched with `limit + 1`: the extra row only tells that another page follows the last row kept. */
  page<R, T, K extends readonly PositionKind[]>(
    spec: CursorSpec<K>,
    rows: R[],
    limit: number,
    map: (row: R) => T,
    position: (row: R) => Positions<K>,
  ): Page<T> {
    const hasMore = rows.length > limit;
    const kept = hasMore ? rows.slice(0, limit) : rows;
    return { data: kept.map(map), nextCursor: hasMore ? this.encode(spec, position(kept[kept.length - 1])) : null, hasMore };
  }

  private encode<K extends readonly PositionKind[]>(spec: CursorSpec<K>, positions: Positions<K>): string {
    const claims: CursorClaims = { list: spec.list, scope: this.scope(), sort: spec.sort, order: spec.order, positions };
    // A position the codec would refuse on the way back is a bug here, not the client's.
    if (!this.matches(spec, claims)) throw new InternalServerErrorException(`list ${spec.list} made a position its cursor cannot carry`);
    return sealCursor(this.keys, claims);
  }

  private matches(spec: CursorSpec, claims: unknown): claims is CursorClaims {
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return false;
    if (Object.keys(claims).sort().join() !== CLAIM_KEYS.join()) return false;
    const { list, scope, sort, order, positions } = claims as CursorClaims;
    return (
      list === spec.list &&
      scope === this.scope() &&
      sort === spec.sort &&
      order === spec.order &&
      Array.isArray(positions) &&
      positions.length === spec.positions.length &&
      spec.positions.every((kind, index) => isPosition(kind, positions[index]))
    );
  }

  private scope(): string {
    if (!this.cls.isActive()) throw new InternalServerErrorException('Cursors are bound to a request');
    if (this.cls.get('crossTenant')) return 'all-tenants';
    const tenantId = this.cls.get('tenantId');
    if (tenantId) return `tenant:${tenantId}`;
    const principal = this.cls.get('principal');
    return principal?.kind === 'member' ? `member:${principal.sub}` : (principal?.kind ?? 'anonymous');
  }
}
