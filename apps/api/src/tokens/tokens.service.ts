import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { ClsService } from '#libs/common/src/cls.service.js';
import { AuditWriter } from '#libs/audit/src/index.js';
import { auditActor } from '#libs/auth/src/index.js';
import { RequestContext, TenantDatabase } from '#libs/database/src/index.js';
import { CursorCodec, type CursorSpec, invalidField, Page } from '#libs/http/src/index.js';
import { ApiTokensRepository } from './api-tokens.repository.js';
import { CreateTokenDto } from './dto/token.dto.js';
import { TokenChangeListener } from './machine/token-change.listener.js';
import { TokenVerifier } from './machine/token-verifier.js';
import { mintSecret, newTokenId, type MintedSecret } from './token-secret.js';
import { ApiToken, ApiTokenRow, PUBLISHABLE_SCOPES, toApiToken } from './token.types.js';

const TOKENS_CURSOR: CursorSpec<['timestamp', 'text']> = { list: 'tokens', sort: 'createdAt', order: 'desc', positions: ['timestamp', 'text'] };

export type CreatedToken = Pick<ApiToken, 'id' | 'name' | 'kind' | 'prefix' | 'scopes' | 'expiresAt' | 'createdAt'> & { token: string };

/**
 * Token lifecycle on the request's tenant. Every change and its audit row commit together; at commit
 * the database notifies every instance to evict the token. This instance evicts it at once and answers
 * only after its own notification came back, so the change is already on its way to every instance.
 */
@Injectable()
export class TokensService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly cls: ClsService<RequestContext>,
    private readonly tokens: ApiTokensRepository,
    private readonly verifier: TokenVerifier,
    private readonly changes: TokenChangeListener,
    private readonly audit: AuditWriter,
    private readonly cursors: CursorCodec,
  ) {}

  async create(dto: CreateTokenDto): Promise<CreatedToken> {
    const scopes = [...new Set(dto.scopes ?? PUBLISHABLE_SCOPES)];
    if (dto.kind === 'publishable' && (scopes.length !== 1 || scopes[0] !== 'events:write')) {
      throw invalidField('scopes', 'scopes of a publishable token must be exactly ["events:write"]');
    }
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw invalidField('expiresAt', 'expiresAt must be in the future');
    const secret = mintSecret(dto.kind);
    const id = newTokenId();
    return this.db.transaction(async () => {
      const row = await this.tokens.insert({
        id,
        name: dto.name,
        kind: dto.kind,
        prefix: secret.prefix,
        scopes,
        createdBy: auditActor(this.cls.get('principal')).actorId,
        expiresAt,
        secretHash: secret.hash,
      });
      await this.audit.record({
        operation: 'token.create',
        entityType: 'token',
        entityId: id,
        details: { name: dto.name, kind: dto.kind, scopes, prefix: secret.prefix, expiresAt: expiresAt?.toISOString() ?? null },
        resource: toApiToken(row),
      });
      return withSecret(row, secret);
    });
  }

  async list(limit: number, cursor?: string): Promise<Page<ApiToken>> {
    const after = this.cursors.decode(TOKENS_CURSOR, cursor);
    const rows = await this.tokens.list(after && { createdAt: after[0], id: after[1] }, limit + 1);
    return this.cursors.page(TOKENS_CURSOR, rows, limit, toApiToken, (row) => [row.created_position, row.id]);
  }

  /** Idempotent: revoking a revoked token changes nothing (and is still audited as a request). */
  async revoke(id: string): Promise<void> {
    const since = Date.now();
    const changed = await this.db.transaction(async () => {
      const row = await this.existing(id);
      const revoked = row.revoked_at ? undefined : await this.tokens.revoke(id);
      await this.audit.record({
        operation: 'token.revoke',
        entityType: 'token',
        entityId: id,
        details: { alreadyRevoked: row.revoked_at !== null },
        resource: revoked && toApiToken(revoked),
      });
      return row.revoked_at === null;
    });
    await this.settled(id, since, changed);
  }

  async rotate(id: string, graceSeconds: number): Promise<CreatedToken & { previousTokenExpiresAt: string | null }> {
    const since = Date.now();
    const result = await this.db.transaction(async () => {
      const row = await this.existing(id);
      if (row.revoked_at) throw new ConflictException('Token is revoked');
      if (row.expires_at && row.expires_at.getTime() <= Date.now()) throw new ConflictException('Token has expired');
      const secret = mintSecret(row.kind);
      const previousExpiresAt = await this.tokens.rotateSecret(id, secret.hash, secret.prefix, graceSeconds);
      const previousTokenExpiresAt = previousExpiresAt?.toISOString() ?? null;
      await this.audit.record({
        operation: 'token.rotate',
        entityType: 'token',
        entityId: id,
        details: { graceSeconds, prefix: secret.prefix, previousTokenExpiresAt },
      });
      return { ...withSecret({ ...row, prefix: secret.prefix }, secret), previousTokenExpiresAt };
    });
    await this.settled(id, since, true);
    return result;
  }

  private async settled(id: string, since: number, changed: boolean): Promise<void> {
    this.verifier.evict(id);
    if (changed) await this.changes.announced(id, since);
  }

  private async existing(id: string): Promise<ApiTokenRow> {
    const row = await this.tokens.lockAndGet(id);
    if (!row) throw new NotFoundException(`Token ${id} not found`);
    return row;
  }
}

function withSecret(row: ApiTokenRow, secret: MintedSecret): CreatedToken {
  const { id, name, kind, prefix, scopes, expiresAt, createdAt } = toApiToken(row);
  return { id, token: secret.plaintext, name, kind, prefix, scopes, expiresAt, createdAt };
}
