import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import { ARRIVED_COLUMNS, ARRIVED_EVENTS, CREATE_ARRIVED_EVENTS } from './arrived-events.js';

const STORED = `event_id, received_at, ts, lat, lon, fingerprint, domainprint, user_id, domain, url, event_type, ip, user_agent, country, city,
  session_id, campaign_source, campaign_medium, campaign_name, campaign_term, campaign_content`;

/**
 * Moves the inbox rows with seq in [$2, $3] into the event store in one statement (an index range, where
 * a list of 5,000 seqs cost as many probes): they leave the inbox and enter `events` in the same
 * transaction, so each is stored exactly once whatever happens to the worker; an id stored already is
 * dropped. A row committed late inside the range is simply taken along and counted. The stored events
 * are staged in `arrived_events` for the projections.
 */
const STORE_CHUNK = `
WITH taken AS (
  DELETE FROM event_inbox WHERE tenant_id = $1 AND seq BETWEEN $2 AND $3
  RETURNING *
),
ins AS (
  INSERT INTO events (tenant_id, ${STORED})
  SELECT $1, ${STORED} FROM taken ORDER BY seq
  ON CONFLICT (tenant_id, event_id) DO NOTHING
  RETURNING ${ARRIVED_COLUMNS}
),
arrived AS (
  INSERT INTO ${ARRIVED_EVENTS} (${ARRIVED_COLUMNS}) SELECT ${ARRIVED_COLUMNS} FROM ins
  RETURNING 1
)
SELECT (SELECT count(*) FROM arrived)::int AS stored, (SELECT count(*) FROM taken)::int AS taken`;

/** An event that cannot be processed: out of the inbox, into the dead letters with its error. */
const DEAD_LETTER = `
WITH taken AS (DELETE FROM event_inbox WHERE tenant_id = $1 AND seq = $2 RETURNING *)
INSERT INTO event_dead_letters (tenant_id, seq, event_id, received_at, event, error)
SELECT $1, seq, event_id, received_at, to_jsonb(taken) - 'tenant_id', $3 FROM taken
RETURNING 1`;

/** The event store: `events`, with its read indexes, written only here. */
@Injectable()
export class EventStoreRepository extends TenantScopedRepository {
  /** The next events of the tenant in arrival order. */
  async nextChunk(limit: number): Promise<string[]> {
    const rows = await this.scoped<{ seq: string }>(`SELECT i.seq::text AS seq FROM event_inbox i WHERE i.tenant_id = $1 ORDER BY i.seq LIMIT $2`, [limit]);
    return rows.map((row) => row.seq);
  }

  /** Stores the inbox rows with seq in [first, last] and stages the new events in `arrived_events` (emptied first). */
  async store(first: string, last: string): Promise<{ stored: number; taken: number }> {
    await this.db.query(CREATE_ARRIVED_EVENTS);
    await this.db.query(`TRUNCATE ${ARRIVED_EVENTS}`);
    const [row] = await this.scopedPrepared<{ stored: number; taken: number }>('pipeline.store_chunk', STORE_CHUNK, [first, last]);
    return row;
  }

  /** Deletes up to `limit` of the tenant's events older than `cutoff`, oldest first (the ts index finds them). */
  async expire(cutoff: Date, limit: number): Promise<number> {
    const rows = await this.scoped(
      `DELETE FROM events WHERE tenant_id = $1 AND event_id IN (
         SELECT event_id FROM events WHERE tenant_id = $1 AND ts < $2 ORDER BY ts, id LIMIT $3)
       RETURNING 1`,
      [cutoff, limit],
    );
    return rows.length;
  }

  async deadLetter(seq: string, error: string): Promise<number> {
    return (await this.scoped(DEAD_LETTER, [seq, error])).length;
  }
}
