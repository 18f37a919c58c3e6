/** Public ids carry a prefix; the row id is the number behind it. */
export const INCIDENT_ID_PREFIX = 'inc_';

/**
 * The incidents of `keys` (a query with an `incident_id` column, run with the tenant as $1), each with
 * `resource`: the incident as GET /v1/incidents/:id answers it, built in SQL so that a set of them is
 * read in one statement (webhook payloads of a whole chunk). Mirrors toIncident.
 */
export const incidentResourcesSql = (keys: string) => `
SELECT k.*, jsonb_build_object(
  'id', '${INCIDENT_ID_PREFIX}' || x.id, 'signal', x.signal, 'status', x.status,
  'subject', jsonb_build_object('type', x.subject_type, 'id', x.subject_id), 'users', to_jsonb(x.users),
  'firstSeenAt', app_private.iso(x.first_seen_at), 'lastSeenAt', app_private.iso(x.last_seen_at),
  'occurrences', x.occurrences, 'evidence', x.evidence, 'note', x.note) AS resource
FROM (${keys}) k JOIN incidents x ON x.tenant_id = $1 AND x.id = k.incident_id`;
