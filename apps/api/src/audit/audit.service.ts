import { Injectable } from '@nestjs/common';
import type { AuditRecord, ChainVerdict } from '#libs/audit/src/index.js';
import { CursorCodec, type CursorSpec, DEFAULT_PAGE_SIZE, Page, resolveWindow } from '#libs/http/src/index.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';
import { AuditRepository } from './audit.repository.js';

@Injectable()
export class AuditService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly cursors: CursorCodec,
  ) {}

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

  verify(): Promise<ChainVerdict> {
    return this.audit.verify();
  }
}
