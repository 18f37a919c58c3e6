import { Injectable } from '@nestjs/common';
import { cursorTimestamp, TenantScopedRepository } from '#libs/database/src/index.js';
import type { IncidentStatus } from './dto/incidents.dto.js';

export interface IncidentRow {
  id: string;
  signal: string;
  status: IncidentStatus;
  subject_type: 'user' | 'fingerprint';
  subject_id: string;
  users: string[];
  first_seen_at: Date;
  last_seen_at: Date;
  occurrences: string;
  evidence: Record<string, unknown>;
  note: string | null;
}

export interface IncidentFilter {
  from: Date;
  to: Date;
  signal?: string;
  status?: string;
  userId?: string;
  fingerprint?: string;
  /** The last incident of the previous page: (lastSeenAt as exact text, id). */
  after?: readonly [string, string];
  limit: number;
}

const columnsOf = (alias: string) =>
  ['id::text', 'signal', 'status', 'subject_type', 'subject_id', 'users', 'first_seen_at', 'last_seen_at', 'occurrences', 'evidence', 'note']
    .map((column) => `${alias}.${column}`)
    .join(', ');
const COLUMNS = columnsOf('incidents');

/** Incidents are the signal engine's (written at processing); the tenant's triage (status, note) is written here only. */
@Injectable()
export class IncidentsRepository extends TenantScopedRepository {
  /** Newest first on `incidents_last_seen_idx`, filters applied as the range is walked. */
  list(filter: IncidentFilter): Promise<Array<IncidentRow & { last_seen_position: string }>> {
    return this.scoped<IncidentRow & { last_seen_position: string }>(
      `SELECT ${COLUMNS}, ${cursorTimestamp('last_seen_at')} AS last_seen_position FROM incidents
       WHERE tenant_id = $1 AND last_seen_at >= $2 AND last_seen_at < $3
         AND ($4::text IS NULL OR signal = $4) AND ($5::text IS NULL OR status = $5)
         AND ($6::text IS NULL OR (subject_type = 'user' AND subject_id = $6) OR $6 = ANY(users))
         AND ($7::text IS NULL OR (subject_type = 'fingerprint' AND subject_id = $7))
         AND ($8::timestamptz IS NULL OR (last_seen_at, id) < ($8, $9::bigint))
       ORDER BY last_seen_at DESC, id DESC LIMIT $10`,
      [
        filter.from,
        filter.to,
        filter.signal ?? null,
        filter.status ?? null,
        filter.userId ?? null,
        filter.fingerprint ?? null,
        filter.after?.[0] ?? null,
        filter.after?.[1] ?? null,
        filter.limit,
      ],
    );
  }

  get(id: string): Promise<IncidentRow | undefined> {
    return this.scopedOne<IncidentRow & Record<string, unknown>>(`SELECT ${COLUMNS} FROM incidents WHERE tenant_id = $1 AND id = $2`, [id]);
  }

  /** Answers the incident as changed, with the status it had before. */
  async triage(id: string, changes: { status?: IncidentStatus; note?: string }): Promise<(IncidentRow & { previous_status: IncidentStatus }) | undefined> {
    const [row] = await this.scoped<IncidentRow & { previous_status: IncidentStatus }>(
      `UPDATE incidents i SET status = coalesce($3, i.status), note = coalesce($4, i.note), updated_at = now()
       FROM (SELECT id, status FROM incidents WHERE tenant_id = $1 AND id = $2 FOR UPDATE) old
       WHERE i.tenant_id = $1 AND i.id = old.id RETURNING ${columnsOf('i')}, old.status AS previous_status`,
      [id, changes.status ?? null, changes.note ?? null],
    );
    return row;
  }
}
