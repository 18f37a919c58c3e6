import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ClsService } from '#libs/common/src/cls.service.js';
import { APP_CONFIG, type AppConfig } from '#libs/config/src/index.js';
import { type Principal, type RequestContext, TenantDatabase } from '#libs/database/src/index.js';
import { type KeyTable, PlatformIdempotencyKeysRepository, TenantIdempotencyKeysRepository } from './idempotency-keys.repository.js';
import { deriveReplayKey, openReplay, sealReplay } from './replay-seal.js';

/** One key of one caller, on a tenant or (without one) on the platform. */
export interface KeyScope {
  tenantId: string | undefined;
  caller: string;
  key: string;
}

/** A claimed key: the work may run, and its answer is stored under `claim`. */
export interface Claim extends KeyScope {
  claim: string;
}

export type ClaimOutcome =
  { kind: 'claimed'; claim: Claim } | { kind: 'replay'; statusCode: number; body: unknown } | { kind: 'reused' } | { kind: 'in_use' } | { kind: 'unreadable' };

/** A released key can be claimed again at once: a few rounds always settle it. */
const CLAIM_ROUNDS = 3;

/** Who the key belongs to: the same person keeps one namespace whether or not it is superadmin today. */
export function callerOf(principal: Principal | undefined): string | undefined {
  switch (principal?.kind) {
    case 'member':
      return `user:${principal.sub}`;
    case 'token':
      return `token:${principal.tokenId}`;
    case 'admin_key':
      return 'admin_key';
    default:
      return undefined;
  }
}

/**
 * The keys in PostgreSQL, shared by every instance. Each step (claim, answer, release) is one short
 * statement on a connection of its own, taken and handed back around it: nothing is held while the work
 * runs, and a request whose client has gone still settles its key (its work may already be committed).
 */
@Injectable()
export class IdempotencyStore {
  private readonly sealKey: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: TenantDatabase,
    private readonly cls: ClsService<RequestContext>,
    private readonly tenantKeys: TenantIdempotencyKeysRepository,
    private readonly platformKeys: PlatformIdempotencyKeysRepository,
  ) {
    this.sealKey = deriveReplayKey(config.auditHmacKey);
  }

  async claim(scope: KeyScope, requestHash: Buffer): Promise<ClaimOutcome> {
    const claim = randomUUID();
    for (let round = 0; round < CLAIM_ROUNDS; round += 1) {
      const row = await this.within(scope, async (keys) => {
        if (await keys.claim(scope.caller, scope.key, requestHash, claim)) return 'claimed' as const;
        return keys.find(scope.caller, scope.key);
      });
      if (row === 'claimed') return { kind: 'claimed', claim: { ...scope, claim } };
      // Released (or expired) between the two statements: claim again.
      if (!row) continue;
      if (!row.request_hash.equals(requestHash)) return { kind: 'reused' };
      if (!row.completed) return { kind: 'in_use' };
      const stored = openReplay(this.sealKey, rowIdentity(scope), row.response!);
      if (stored === undefined) return { kind: 'unreadable' };
      return { kind: 'replay', statusCode: row.status_code!, body: (JSON.parse(stored) as { body?: unknown }).body };
    }
    return { kind: 'in_use' };
  }

  /** Stores the answer of the work that ran under `claim`, sealed. */
  async complete(claim: Claim, statusCode: number, body: unknown): Promise<void> {
    const sealed = sealReplay(this.sealKey, rowIdentity(claim), JSON.stringify({ body }));
    await this.within(claim, (keys) => keys.complete(claim.caller, claim.key, claim.claim, statusCode, sealed));
  }

  /** Gives the key back: the request stored nothing (refused as invalid, or failed with a 5xx). */
  async release(claim: Claim): Promise<void> {
    await this.within(claim, (keys) => keys.release(claim.caller, claim.key, claim.claim));
  }

  private within<T>(scope: KeyScope, work: (keys: KeyTable) => Promise<T>): Promise<T> {
    return this.cls.run(() => {
      this.cls.set('closed', false);
      const { tenantId } = scope;
      return tenantId === undefined
        ? this.db.runCrossTenant(() => work(this.platformKeys.keys))
        : this.db.runAsTenant(tenantId, () => work(this.tenantKeys.keys));
    });
  }
}

/** What a sealed answer is bound to: it opens only on the row it was stored in. */
function rowIdentity(scope: KeyScope): string {
  return JSON.stringify([scope.tenantId ?? null, scope.caller, scope.key]);
}
