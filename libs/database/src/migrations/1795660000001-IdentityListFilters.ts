import { MigrationInterface, QueryRunner } from 'typeorm';

/** The indexes the users and fingerprints lists' filters and sorts read. */
const INDEXES: Array<[name: string, definition: string]> = [
  // Users by event count (each order), a page at a time.
  ['end_users_event_count_idx', 'end_users (tenant_id, event_count, user_id)'],
  // Users whose status is not the default (the "blocked users" view) by last seen; `active` is most of a tenant and
  // is walked through the last-seen index instead.
  ['end_users_status_idx', `end_users (tenant_id, status, last_seen, user_id) WHERE status <> 'active'`],
  // A label or a domain (whole values): the few users carrying a rare one, without walking the tenant.
  ['end_users_labels_idx', 'end_users USING gin (labels)'],
  ['end_users_domains_idx', 'end_users USING gin (domains)'],
  // Fingerprints by user count and by event count (each order).
  ['fingerprint_stats_user_count_idx', 'fingerprint_stats (tenant_id, user_count, fingerprint)'],
  ['fingerprint_stats_event_count_idx', 'fingerprint_stats (tenant_id, event_count, fingerprint)'],
];

export class IdentityListFilters1795660000001 implements MigrationInterface {
  name = 'IdentityListFilters1795660000001';

  async up(db: QueryRunner): Promise<void> {
    for (const [name, definition] of INDEXES) await db.query(`CREATE INDEX ${name} ON ${definition}`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await db.query(`DROP INDEX ${name}`);
  }
}
