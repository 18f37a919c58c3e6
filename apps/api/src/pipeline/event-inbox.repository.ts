import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import type { EventInput } from '../fingerprints/event-schema.js';

/** What accepting a batch did: the inbox rows it added (their sequence range), or the backlog that refused it. */
export interface Acceptance {
  inserted: number;
  firstSeq: string | null;
  lastSeq: string | null;
  /** The tenant's backlog before this batch. */
  backlog: number;
  refused: boolean;
}

export interface PipelineStatusRow {
  backlog: number;
  oldest_pending_at: Date | null;
  dead_letters: number;
}

/**
 * The batch travels as one array per column (`unnest`), which PostgreSQL parses several times faster than
 * the same events as JSON. [column, SQL type, value of an event].
 */
const COLUMNS: Array<[string, string, (event: EventInput) => unknown]> = [
  ['event_id', 'text', (e) => e.eventId],
  ['ts', 'timestamptz', (e) => e.timestamp],
  ['lat', 'float8', (e) => e.geo?.lat],
  ['lon', 'float8', (e) => e.geo?.lon],
  ['fingerprint', 'text', (e) => e.fingerprint],
  ['domainprint', 'text', (e) => e.domainprint],
  ['user_id', 'text', (e) => e.userId],
  ['domain', 'text', (e) => e.domain],
  ['url', 'text', (e) => e.url],
  ['event_type', 'text', (e) => e.eventType],
  ['ip', 'inet', (e) => e.ip],
  ['user_agent', 'text', (e) => e.userAgent],
  ['country', 'text', (e) => e.geo?.country],
  ['city', 'text', (e) => e.geo?.city],
  ['session_id', 'text', (e) => e.sessionId],
  ['campaign_source', 'text', (e) => e.campaign?.source],
  ['campaign_medium', 'text', (e) => e.campaign?.medium],
  ['campaign_name', 'text', (e) => e.campaign?.name],
  ['campaign_term', 'text', (e) => e.campaign?.term],
  ['campaign_content', 'text', (e) => e.campaign?.content],
];
const NAMES = COLUMNS.map(([name]) => name).join(', ');
const BACKLOG_MAX = `$${COLUMNS.length + 2}`;

/** Accepted minus processed, from the two counters (no rows counted). */
const BACKLOG = `coalesce((SELECT accepted_count FROM pipeline_intake WHERE tenant_id = $1), 0)
              - coalesce((SELECT processed_count FROM pipeline_tenants WHERE tenant_id = $1), 0)`;

/**
 * Accepting, first statement: unless the backlog is full, the batch's events whose id is not in the inbox
 * are appended to it (a repeated id within the batch counts once). Timestamps left out are the acceptance
 * time. Ids already stored are taken out again by SETTLE. Rows go in by event id, not by their place in the
 * batch: two retries of one batch in different orders, inserting in batch order, each waited on an id the
 * other held and deadlocked (a 500); in one order, the second simply waits for the first. Within the batch
 * the first of a repeated id is kept.
 */
const APPEND = `
WITH backlog AS (SELECT ${BACKLOG} AS events),
input AS (
  SELECT x.* FROM unnest(${COLUMNS.map(([, type], index) => `$${index + 2}::${type}[]`).join(', ')}) WITH ORDINALITY AS x(${NAMES}, ord)
  WHERE (SELECT events FROM backlog) < ${BACKLOG_MAX}
),
added AS (
  INSERT INTO event_inbox (tenant_id, ${NAMES})
  SELECT $1, event_id, date_trunc('milliseconds', coalesce(ts, now())), lat, lon, fingerprint, domainprint, user_id, domain, url,
         coalesce(event_type, 'page_view'), ip, user_agent, country, city, session_id,
         campaign_source, campaign_medium, campaign_name, campaign_term, campaign_content
  FROM input x
  ORDER BY event_id, ord
  ON CONFLICT (tenant_id, event_id) DO NOTHING
  RETURNING seq, event_id
)
SELECT ARRAY(SELECT seq FROM added ORDER BY seq)::text[] AS seqs, ARRAY(SELECT event_id FROM added ORDER BY seq) AS ids,
       (SELECT events FROM backlog)::float8 AS backlog,
       (SELECT events FROM backlog) >= ${BACKLOG_MAX} AS refused`;

/**
 * Accepting, second statement (same transaction): the appended events whose id is already stored are
 * taken back out (retries of processed events). Checking here rather than in APPEND also closes a race:
 * a worker that moved an id from the inbox into `events` while APPEND ran (APPEND's snapshot predates
 * the worker's commit, yet the inbox row was gone, or APPEND waited for the worker to delete it) has
 * committed before this statement's snapshot. Then the intake counter grows by what stayed, and the
 * tenant gets its worker row on first use.
 *
 * The appended ids are looked up in the event store first (its primary key, one probe each), and the inbox is
 * touched only when one is found (a one-time filter; retries of processed events are rare). Written as a
 * DELETE over `seq = ANY($2)` checking the store per row, the prepared statement's generic plan, built while
 * the inbox looked empty, read every waiting row of the tenant and compared each with the whole array: under
 * a 25-connection flood with the worker busy, SETTLE was the active statement in 45 of 100 samples.
 */
const SETTLE = `
WITH stored AS MATERIALIZED (
  SELECT a.seq FROM unnest($2::bigint[], $3::text[]) AS a(seq, event_id)
  WHERE EXISTS (SELECT 1 FROM events e WHERE e.tenant_id = $1 AND e.event_id = a.event_id)
),
raced AS (
  DELETE FROM event_inbox i WHERE EXISTS (SELECT 1 FROM stored) AND i.tenant_id = $1 AND i.seq = ANY(ARRAY(SELECT seq FROM stored))
  RETURNING i.seq
),
kept AS (SELECT cardinality($2::bigint[]) - (SELECT count(*) FROM raced) AS events),
counted AS (
  INSERT INTO pipeline_intake AS t (tenant_id, accepted_count, last_accepted_at)
  SELECT $1, events, now() FROM kept WHERE events > 0
  ON CONFLICT (tenant_id) DO UPDATE SET accepted_count = t.accepted_count + EXCLUDED.accepted_count, last_accepted_at = EXCLUDED.last_accepted_at
  RETURNING 1
),
worker_row AS (
  -- Looked up first: a conflicting insert would wait for the worker that is updating this row.
  INSERT INTO pipeline_tenants (tenant_id) SELECT $1
  WHERE EXISTS (SELECT 1 FROM counted) AND NOT EXISTS (SELECT 1 FROM pipeline_tenants WHERE tenant_id = $1)
  ON CONFLICT (tenant_id) DO NOTHING
)
SELECT (SELECT events FROM kept)::int AS inserted, ARRAY(SELECT seq FROM raced)::text[] AS raced`;

@Injectable()
export class EventInboxRepository extends TenantScopedRepository {
  /** Appends validated events (each with its `eventId` set) unless the tenant's backlog is at `backlogMax`. */
  accept(events: EventInput[], backlogMax: number): Promise<Acceptance> {
    const columns = COLUMNS.map(([, , value]) => events.map((event) => value(event) ?? null));
    return this.db.transaction(async () => {
      const [appended] = await this.scopedPrepared<{ seqs: string[]; ids: string[]; backlog: number; refused: boolean }>('pipeline.append', APPEND, [
        ...columns,
        backlogMax,
      ]);
      const refused = { inserted: 0, firstSeq: null, lastSeq: null, backlog: appended.backlog, refused: appended.refused };
      if (appended.seqs.length === 0) return refused;
      const [settled] = await this.scopedPrepared<{ inserted: number; raced: string[] }>('pipeline.settle', SETTLE, [appended.seqs, appended.ids]);
      const raced = new Set(settled.raced);
      const kept = appended.seqs.filter((seq) => !raced.has(seq));
      return { ...refused, inserted: settled.inserted, firstSeq: kept[0] ?? null, lastSeq: kept.at(-1) ?? null };
    });
  }

  /** True while any inbox row of the tenant in [first, last] is still unprocessed. */
  async pending(firstSeq: string, lastSeq: string): Promise<boolean> {
    const row = await this.scopedOne<{ pending: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM event_inbox WHERE tenant_id = $1 AND seq BETWEEN $2 AND $3) AS pending`,
      [firstSeq, lastSeq],
    );
    return row?.pending ?? false;
  }

  /** Whether the tenant ever had an event accepted. */
  async hasEvents(): Promise<boolean> {
    const row = await this.scopedOne<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM pipeline_intake WHERE tenant_id = $1 AND accepted_count > 0) AS any`);
    return row?.any ?? false;
  }

  async oldestPendingAt(): Promise<Date | null> {
    const row = await this.scopedOne<{ received_at: Date }>(`SELECT received_at FROM event_inbox WHERE tenant_id = $1 ORDER BY seq LIMIT 1`);
    return row?.received_at ?? null;
  }

  /** Backlog, the oldest unprocessed arrival (the inbox in arrival order: one index probe) and dead letters. */
  async status(): Promise<PipelineStatusRow> {
    const [row] = await this.scoped<PipelineStatusRow>(
      `SELECT greatest(${BACKLOG}, 0)::float8 AS backlog,
              (SELECT received_at FROM event_inbox WHERE tenant_id = $1 ORDER BY seq LIMIT 1) AS oldest_pending_at,
              coalesce((SELECT dead_letter_count FROM pipeline_tenants WHERE tenant_id = $1), 0)::float8 AS dead_letters`,
    );
    return row;
  }
}
