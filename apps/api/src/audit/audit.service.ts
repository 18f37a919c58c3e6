import { Injectable } from '@nestjs/common';
import type { AuditRecord, ChainVerdict } from '#libs/audit/src/index.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, Page, resolveWindow, toPage } from '#libs/http/src/index.js';
import { AuditQueryDto } from './dto/audit-query.dto.js';
import { AuditRepository } from './audit.repository.js';

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async list(query: AuditQueryDto): Promise<Page<AuditRecord>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const [beforeSeq] = (decodeCursor(query.cursor, 1) as [number] | undefined) ?? [];
    const rows = await this.audit.list({ ...query, ...resolveWindow(query), beforeSeq, limit: limit + 1 });
    return toPage(
      rows,
      limit,
      (row) => row,
      (row) => [row.seq],
    );
  }

  verify(): Promise<ChainVerdict> {
    return this.audit.verify();
  }
}
