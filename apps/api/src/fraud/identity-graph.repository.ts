import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';
import type { DeviceType, NodeType } from './cluster-merge.js';

export interface GraphNode {
  id: string;
  type: NodeType;
}

export interface GraphEdge {
  from: string;
  fromType: 'user';
  to: string;
  toType: DeviceType;
  eventCount: number;
}

export interface ClusterRow {
  tenant_id: string;
  user_count: number;
  fingerprint_count: number;
  domainprint_count: number;
  anchor: string;
  users: string[];
  fingerprints: string[];
  domainprints: string[];
}

/** Node sets by type, as arrays for `= ANY(...)`. */
export interface NodeSets {
  user: string[];
  fingerprint: string[];
  domainprint: string[];
}

/**
 * The neighbours of a frontier not yet in the graph, strongest links first (summed event counts). Each
 * frontier node contributes at most `$8` links, read in index order: the work of one expansion is bounded
 * by frontier × `$8`, whatever the degree of a node (a bot's fingerprint may have thousands of users).
 */
const NEIGHBOURS = `
WITH links AS (
  SELECT 'fingerprint' AS type, n.fingerprint AS id, n.event_count FROM unnest($2::text[]) AS f(id)
  CROSS JOIN LATERAL (SELECT fingerprint, event_count FROM user_fingerprints
                      WHERE tenant_id = $1 AND user_id = f.id ORDER BY fingerprint LIMIT $8) n
  UNION ALL
  SELECT 'domainprint', n.domainprint, n.event_count FROM unnest($2::text[]) AS f(id)
  CROSS JOIN LATERAL (SELECT domainprint, event_count FROM domainprint_users
                      WHERE tenant_id = $1 AND user_id = f.id ORDER BY domainprint LIMIT $8) n
  UNION ALL
  SELECT 'user', n.user_id, n.event_count FROM unnest($3::text[]) AS f(id)
  CROSS JOIN LATERAL (SELECT user_id, event_count FROM user_fingerprints
                      WHERE tenant_id = $1 AND fingerprint = f.id ORDER BY first_seen, user_id LIMIT $8) n
  UNION ALL
  SELECT 'user', n.user_id, n.event_count FROM unnest($4::text[]) AS f(id)
  CROSS JOIN LATERAL (SELECT user_id, event_count FROM domainprint_users
                      WHERE tenant_id = $1 AND domainprint = f.id ORDER BY user_id LIMIT $8) n
)
SELECT id, type FROM links
WHERE NOT (type = 'user' AND id = ANY($5::text[])) AND NOT (type = 'fingerprint' AND id = ANY($6::text[]))
  AND NOT (type = 'domainprint' AND id = ANY($7::text[]))
GROUP BY type, id
ORDER BY sum(event_count) DESC, type, id COLLATE "C"
LIMIT $9`;

/** Every link between the graph's users and its devices (primary-key probes: at most users × devices). */
const EDGES = `
SELECT user_id AS "from", 'user' AS "fromType", fingerprint AS "to", 'fingerprint' AS "toType", event_count::int AS "eventCount"
FROM user_fingerprints WHERE tenant_id = $1 AND user_id = ANY($2::text[]) AND fingerprint = ANY($3::text[])
UNION ALL
SELECT user_id, 'user', domainprint, 'domainprint', event_count::int
FROM domainprint_users WHERE tenant_id = $1 AND user_id = ANY($2::text[]) AND domainprint = ANY($4::text[])
ORDER BY 1, 4 DESC, 3`;

/** Clusters with two or more users, largest first; each lists at most `$6` members of each type. */
const clusters = (tenant: string) => `
SELECT c.tenant_id, c.user_count, c.fingerprint_count, c.domainprint_count, c.anchor,
       ARRAY(SELECT m.node_id FROM identity_cluster_members m WHERE m.tenant_id = c.tenant_id AND m.cluster_id = c.cluster_id
             AND m.node_type = 'user' ORDER BY m.node_id LIMIT $6) AS users,
       ARRAY(SELECT m.node_id FROM identity_cluster_members m WHERE m.tenant_id = c.tenant_id AND m.cluster_id = c.cluster_id
             AND m.node_type = 'fingerprint' ORDER BY m.node_id LIMIT $6) AS fingerprints,
       ARRAY(SELECT m.node_id FROM identity_cluster_members m WHERE m.tenant_id = c.tenant_id AND m.cluster_id = c.cluster_id
             AND m.node_type = 'domainprint' ORDER BY m.node_id LIMIT $6) AS domainprints
FROM identity_clusters c
WHERE c.tenant_id = ${tenant} AND c.user_count > 1
  AND ($2::int IS NULL OR c.user_count < $2 OR (c.user_count = $2 AND (c.tenant_id > $3 OR (c.tenant_id = $3 AND c.anchor > $4))))
ORDER BY c.user_count DESC, c.anchor
LIMIT $5`;

@Injectable()
export class IdentityGraphRepository extends TenantScopedRepository {
  async exists(node: GraphNode): Promise<boolean> {
    const sql =
      node.type === 'user'
        ? `SELECT 1 FROM end_users WHERE tenant_id = $1 AND user_id = $2`
        : `SELECT 1 FROM fingerprint_stats WHERE tenant_id = $1 AND fingerprint = $2`;
    return (await this.scoped(sql, [node.id])).length > 0;
  }

  /** Tenants holding the seed (across tenants only). */
  async tenantsWith(node: GraphNode): Promise<string[]> {
    const table = node.type === 'user' ? 'end_users s WHERE s.user_id' : 'fingerprint_stats s WHERE s.fingerprint';
    const rows = await this.scopedRead<{ tenant_id: string }>(
      (tenant) => `SELECT s.tenant_id FROM ${table} = $2 AND s.tenant_id = ${tenant}`,
      'ORDER BY x.tenant_id',
      [node.id],
    );
    return rows.map((row) => row.tenant_id);
  }

  /** New neighbours of `frontier`, excluding `included`; `perNode` links read per frontier node, `limit` returned. */
  neighbours(frontier: NodeSets, included: NodeSets, perNode: number, limit: number): Promise<GraphNode[]> {
    return this.scoped<GraphNode & Record<string, unknown>>(NEIGHBOURS, [
      frontier.user,
      frontier.fingerprint,
      frontier.domainprint,
      included.user,
      included.fingerprint,
      included.domainprint,
      perNode,
      limit,
    ]);
  }

  edges(nodes: NodeSets): Promise<GraphEdge[]> {
    return this.scoped<GraphEdge & Record<string, unknown>>(EDGES, [nodes.user, nodes.fingerprint, nodes.domainprint]);
  }

  /** `after`: the last cluster of the previous page, as (user count, tenant id, anchor). */
  clusters(after: readonly [number, string, string] | undefined, limit: number, membersPerType: number): Promise<ClusterRow[]> {
    return this.scopedRead<ClusterRow>(clusters, 'ORDER BY x.user_count DESC, x.tenant_id, x.anchor LIMIT $5', [
      after?.[0] ?? null,
      after?.[1] ?? null,
      after?.[2] ?? null,
      limit,
      membersPerType,
    ]);
  }
}
