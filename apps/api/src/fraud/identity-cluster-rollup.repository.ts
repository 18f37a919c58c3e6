import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import { ARRIVED_EVENTS } from '../pipeline/arrived-events.js';
import type { Link, MergePlan, NodeState } from './cluster-merge.js';

/**
 * Every look-up below is driven by the chunk's keys through an index (LATERAL ... OFFSET 0, keys in the
 * members' collation), whatever the planner's statistics say: for a tenant the statistics do not know yet
 * (a new tenant, or a farm's first minutes), joins were planned as "every key × every member", seconds
 * per chunk at tens of thousands of members.
 */
const memberOf = (type: string, id: string) =>
  `SELECT m.cluster_id FROM identity_cluster_members m WHERE m.tenant_id = $1 AND m.node_type = ${type} AND m.node_id = ${id} COLLATE "C" OFFSET 0`;

/** The chunk's user ↔ device links whose two ends are not (yet) in one cluster. */
const PENDING_LINKS = `
WITH arrived AS MATERIALIZED (SELECT user_id, fingerprint, domainprint FROM ${ARRIVED_EVENTS} WHERE user_id IS NOT NULL),
links AS (
  SELECT DISTINCT user_id, 'fingerprint' AS type, fingerprint AS id FROM arrived WHERE user_id IS NOT NULL
  UNION
  SELECT DISTINCT user_id, 'domainprint', domainprint FROM arrived WHERE user_id IS NOT NULL AND domainprint IS NOT NULL
)
SELECT l.user_id AS "userId", l.type, l.id FROM links l
LEFT JOIN LATERAL (${memberOf(`'user'`, 'l.user_id')}) u ON true
LEFT JOIN LATERAL (${memberOf('l.type', 'l.id')}) d ON true
WHERE u.cluster_id IS NULL OR u.cluster_id IS DISTINCT FROM d.cluster_id`;

const NODE_STATES = `
SELECT n.type, n.id, m.cluster_id::text AS "clusterId", coalesce(c.user_count, 0) AS "userCount",
       coalesce(c.fingerprint_count, 0) AS "fingerprintCount", coalesce(c.domainprint_count, 0) AS "domainprintCount", c.anchor
FROM json_to_recordset($2::json) AS n(type text, id text)
LEFT JOIN LATERAL (${memberOf('n.type', 'n.id')}) m ON true
LEFT JOIN LATERAL (SELECT c.* FROM identity_clusters c WHERE c.tenant_id = $1 AND c.cluster_id = m.cluster_id OFFSET 0) c ON true`;

/**
 * Applies merge plans in one statement: members of the folded clusters take the target's id (an index range
 * per folded cluster), new nodes join, folded clusters disappear and the target's totals are replaced.
 * The folded clusters and their members are found per source cluster through the index and updated by
 * row address, so the plan cannot turn around (joining members to the plan with `= ANY(sources)` measured
 * 30 s per chunk at 30k members).
 */
const APPLY_MERGES = `
WITH plan AS MATERIALIZED (
  SELECT p.key, coalesce(p.target, nextval('identity_cluster_ids')) AS cluster_id, p.sources, p."userCount", p."fingerprintCount",
         p."domainprintCount", (SELECT min(a COLLATE "C") FROM unnest(p.anchors) a) AS anchor
  FROM json_to_recordset($2::json) AS p(key int, target bigint, sources bigint[], "userCount" int, "fingerprintCount" int,
                                        "domainprintCount" int, anchors text[])
),
relabelled AS (
  UPDATE identity_cluster_members m SET cluster_id = r.cluster_id
  FROM (SELECT p.cluster_id, x.row FROM plan p
        CROSS JOIN LATERAL unnest(p.sources) AS s(source)
        CROSS JOIN LATERAL (SELECT ctid AS row FROM identity_cluster_members WHERE tenant_id = $1 AND cluster_id = s.source OFFSET 0) x) r
  WHERE m.ctid = r.row
  RETURNING 1
),
added AS (
  INSERT INTO identity_cluster_members (tenant_id, node_type, node_id, cluster_id)
  SELECT $1, n.type, n.id, p.cluster_id
  FROM json_to_recordset($2::json) AS x(key int, added json)
  CROSS JOIN LATERAL json_to_recordset(x.added) AS n(type text, id text)
  JOIN plan p ON p.key = x.key
  ORDER BY n.type, n.id
  RETURNING 1
),
folded AS (
  DELETE FROM identity_clusters c
  USING (SELECT x.row FROM plan p CROSS JOIN LATERAL unnest(p.sources) AS s(source)
         CROSS JOIN LATERAL (SELECT ctid AS row FROM identity_clusters WHERE tenant_id = $1 AND cluster_id = s.source OFFSET 0) x) r
  WHERE c.ctid = r.row
  RETURNING 1
),
saved AS (
  INSERT INTO identity_clusters AS t (tenant_id, cluster_id, user_count, fingerprint_count, domainprint_count, anchor)
  SELECT $1, cluster_id, "userCount", "fingerprintCount", "domainprintCount", anchor FROM plan ORDER BY cluster_id
  ON CONFLICT (tenant_id, cluster_id) DO UPDATE SET
    user_count = EXCLUDED.user_count, fingerprint_count = EXCLUDED.fingerprint_count, domainprint_count = EXCLUDED.domainprint_count,
    anchor = EXCLUDED.anchor
  RETURNING 1
)
SELECT (SELECT count(*) FROM relabelled)::int AS relabelled, (SELECT count(*) FROM added)::int AS added,
       (SELECT count(*) FROM folded)::int AS folded, (SELECT count(*) FROM saved)::int AS saved`;

@Injectable()
export class IdentityClusterRollupRepository extends TenantScopedRepository {
  /** For the chunk being processed (in `arrived_events`). */
  pendingLinks(): Promise<Link[]> {
    return this.scopedPrepared<Link & Record<string, unknown>>('analytics.pending_links', PENDING_LINKS);
  }

  /**
   * Serialises cluster changes of this tenant until the transaction ends (a worker serves a tenant alone,
   * so this guards only against writers outside the pipeline, such as a migration's backfill).
   */
  async lock(): Promise<void> {
    await this.scoped(`SELECT pg_advisory_xact_lock(hashtextextended('identity_clusters:' || $1, 0))`);
  }

  /** Read after `lock()`: the statement's snapshot then includes every merge committed before. */
  states(nodes: Array<{ type: string; id: string }>): Promise<NodeState[]> {
    return this.scoped<NodeState & Record<string, unknown>>(NODE_STATES, [JSON.stringify(nodes)]);
  }

  async apply(plans: MergePlan[]): Promise<void> {
    await this.scoped(APPLY_MERGES, [JSON.stringify(plans)]);
  }
}
