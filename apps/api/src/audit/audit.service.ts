import { Inject, Injectable } from '@nestjs/common';
import { type AuditRecord, type ChainVerdict, InvalidCheckpointError, readCheckpoint, signCheckpoint, toAuditRecord } from '#libs/audit/src/index.js';
import { APP_CONFIG, type AppConfig } from '#libs/config/src/index.js';
import { ApiException, CursorCodec, type CursorSpec, DEFAULT_PAGE_SIZE, type ExportFormat, exportStream, Page, resolveWindow } from '#libs/http/src/index.js';
import { ServiceSigningKeys } from '../tokens/service-jwt/service-signing-keys.js';
import { AuditExportQueryDto, AuditQueryDto } from './dto/audit-query.dto.js';
import { AuditRepository } from './audit.repository.js';

/** The CSV columns of an audit row: the list item's fields; `details` is JSON text. */
const AUDIT_CSV_COLUMNS = [
  'seq',
  'at',
  'actorType',
  'actorId',
  'operation',
  'entityType',
  'entityId',
  'outcome',
  'requestId',
  'ip',
  'details',
  'hashPrev',
  'hashVersion',
  'hash',
  'tenantId',
] as const;

@Injectable()
export class AuditService {
  private readonly hmacKey: string;

  constructor(
    private readonly audit: AuditRepository,
    private readonly cursors: CursorCodec,
    private readonly signingKeys: ServiceSigningKeys,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.hmacKey = config.auditHmacKey;
  }

  async list(query: AuditQueryDto): Promise<Page<AuditRecord>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const order = query.order ?? 'desc';
    const spec: CursorSpec<['bigint']> = { list: 'audit', sort: 'seq', order, positions: ['bigint'] };
    const [afterSeq] = this.cursors.decode(spec, query.cursor) ?? [];
    const rows = await this.audit.list({ ...query, ...resolveWindow(query), order, afterSeq, limit: limit + 1 });
    return this.cursors.page(
      spec,
      rows,
      limit,
      (row) => row,
      (row) => [String(row.seq)],
    );
  }

  /** GET /v1/audit/export: the list's filters and order, every matching row from one snapshot. */
  export(query: AuditExportQueryDto, format: ExportFormat) {
    const { actorId, entityType, operation, outcome } = query;
    const rows = this.audit.exportRows({ actorId, entityType, operation, outcome, ...resolveWindow(query), order: query.order ?? 'desc' });
    return exportStream(rows, { name: 'audit', format, map: toAuditRecord, columns: AUDIT_CSV_COLUMNS });
  }

  /** The chain's head, signed with the service key: customers keep it to prove later that nothing up to it went missing. */
  async checkpoint(): Promise<{ checkpoint: string }> {
    return { checkpoint: await signCheckpoint(await this.audit.head(), this.signingKeys) };
  }

  async verify(tenantId: string, checkpoint?: string): Promise<ChainVerdict> {
    const claims = checkpoint === undefined ? undefined : await this.readCheckpoint(tenantId, checkpoint);
    return this.audit.verify(this.hmacKey, claims);
  }

  private async readCheckpoint(tenantId: string, checkpoint: string) {
    try {
      return await readCheckpoint(checkpoint, tenantId, (kid) => this.audit.checkpointKey(kid));
    } catch (error) {
      if (error instanceof InvalidCheckpointError) throw new ApiException(400, 'invalid_checkpoint', `Invalid checkpoint: ${error.message}`);
      throw error;
    }
  }
}
