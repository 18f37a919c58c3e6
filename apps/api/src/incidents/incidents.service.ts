import { Injectable, NotFoundException } from '@nestjs/common';
import { AuditWriter } from '#libs/audit/src/index.js';
import { TenantDatabase } from '#libs/database/src/index.js';
import { CursorCodec, type CursorSpec, DEFAULT_PAGE_SIZE, Page, resolveWindow } from '#libs/http/src/index.js';
import { IncidentsQueryDto, UpdateIncidentDto } from './dto/incidents.dto.js';
import { SignalEngine } from '../signals/signal-engine.js';
import { INCIDENT_ID_PREFIX } from './incident-resources.js';
import { IncidentRow, IncidentsRepository } from './incidents.repository.js';

export interface Incident {
  id: string;
  signal: string;
  status: string;
  subject: { type: 'user' | 'fingerprint'; id: string };
  users: string[];
  firstSeenAt: string;
  lastSeenAt: string;
  occurrences: number;
  evidence: Record<string, unknown>;
  note: string | null;
}

const rowId = (id: string) => (new RegExp(`^${INCIDENT_ID_PREFIX}\\d{1,18}$`).test(id) ? id.slice(INCIDENT_ID_PREFIX.length) : undefined);

const INCIDENTS_CURSOR: CursorSpec<['timestamp', 'bigint']> = { list: 'incidents', sort: 'lastSeenAt', order: 'desc', positions: ['timestamp', 'bigint'] };

@Injectable()
export class IncidentsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly incidents: IncidentsRepository,
    private readonly audit: AuditWriter,
    private readonly cursors: CursorCodec,
    private readonly signals: SignalEngine,
  ) {}

  async list(query: IncidentsQueryDto): Promise<Page<Incident>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.incidents.list({
      ...resolveWindow(query),
      signal: query.signal,
      status: query.status,
      userId: query.userId,
      fingerprint: query.fingerprint,
      after: this.cursors.decode(INCIDENTS_CURSOR, query.cursor),
      limit: limit + 1,
    });
    return this.cursors.page(INCIDENTS_CURSOR, rows, limit, toIncident, (row) => [row.last_seen_position, row.id]);
  }

  async get(id: string): Promise<Incident> {
    const key = rowId(id);
    const row = key && (await this.incidents.get(key));
    if (!row) throw new NotFoundException(`Incident ${id} not found`);
    return toIncident(row);
  }

  /** The change and its audit row commit together. */
  update(id: string, dto: UpdateIncidentDto): Promise<Incident> {
    return this.db.transaction(async () => {
      const key = rowId(id);
      if (key) await this.signals.beforeTriage();
      const row = key && (await this.incidents.triage(key, dto));
      if (!row) throw new NotFoundException(`Incident ${id} not found`);
      await this.signals.afterTriage(row.id, (row.previous_status === 'dismissed') !== (row.status === 'dismissed'));
      const incident = toIncident(row);
      await this.audit.record({ operation: 'incident.update', entityType: 'incident', entityId: id, details: { changes: dto }, resource: incident });
      return incident;
    });
  }
}

function toIncident(row: IncidentRow): Incident {
  return {
    id: `${INCIDENT_ID_PREFIX}${row.id}`,
    signal: row.signal,
    status: row.status,
    subject: { type: row.subject_type, id: row.subject_id },
    users: row.users,
    firstSeenAt: row.first_seen_at.toISOString(),
    lastSeenAt: row.last_seen_at.toISOString(),
    occurrences: Number(row.occurrences),
    evidence: row.evidence,
    note: row.note,
  };
}
