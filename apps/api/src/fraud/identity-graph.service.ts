import { Injectable, NotFoundException } from '@nestjs/common';
import { TenantDatabase } from '#libs/database/src/index.js';
import { CursorCodec, type CursorSpec, DEFAULT_PAGE_SIZE, invalidField, Page } from '#libs/http/src/index.js';
import { DEFAULT_DEPTH, IdentityGraphQueryDto } from './dto/identity-graph-query.dto.js';
import { ClusterRow, GraphEdge, GraphNode, IdentityGraphRepository, NodeSets } from './identity-graph.repository.js';

/** At most this many nodes in one graph answer (SPEC). */
export const MAX_GRAPH_NODES = 500;
/** Members of each type listed per cluster; the counts give the full size. */
export const MAX_CLUSTER_MEMBERS = 100;

export interface IdentityGraph {
  nodes: Array<GraphNode & { tenantId?: string }>;
  edges: Array<GraphEdge & { tenantId?: string }>;
  truncated: boolean;
}

export interface Cluster {
  tenantId?: string;
  /** Users in the cluster. */
  size: number;
  users: string[];
  fingerprints: string[];
  domainprints: string[];
  fingerprintCount: number;
  domainprintCount: number;
}

const CLUSTERS_CURSOR: CursorSpec<['int', 'text', 'text']> = { list: 'identity-clusters', sort: 'size', order: 'desc', positions: ['int', 'text', 'text'] };

const emptySets = (): NodeSets => ({ user: [], fingerprint: [], domainprint: [] });

@Injectable()
export class IdentityGraphService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly repository: IdentityGraphRepository,
    private readonly cursors: CursorCodec,
  ) {}

  /** With a seed: the graph around it; without: the clusters of linked users, largest first. */
  get(query: IdentityGraphQueryDto): Promise<IdentityGraph | Page<Cluster>> {
    if (query.userId !== undefined && query.fingerprint !== undefined) throw invalidField('fingerprint', 'Give userId or fingerprint, not both');
    const seed: GraphNode | undefined =
      query.userId !== undefined
        ? { id: query.userId, type: 'user' }
        : query.fingerprint !== undefined
          ? { id: query.fingerprint, type: 'fingerprint' }
          : undefined;
    if (!seed) {
      if (query.depth !== undefined) throw invalidField('depth', 'depth needs userId or fingerprint');
      return this.clusters(query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
    }
    if (query.limit !== undefined || query.cursor !== undefined)
      throw invalidField(query.limit !== undefined ? 'limit' : 'cursor', 'limit and cursor page the clusters; a graph has no pages');
    return this.graph(seed, query.depth ?? DEFAULT_DEPTH);
  }

  private async graph(seed: GraphNode, depth: number): Promise<IdentityGraph> {
    const notFound = () => new NotFoundException(seed.type === 'user' ? 'User not found' : 'Fingerprint not found');
    if (!this.db.crossTenant) {
      if (!(await this.repository.exists(seed))) throw notFound();
      return this.traverse(seed, depth, MAX_GRAPH_NODES);
    }
    // Across tenants: each tenant's graph on its own (ids are per tenant), tagged, within one node budget.
    const tenants = await this.repository.tenantsWith(seed);
    if (tenants.length === 0) throw notFound();
    const answer: IdentityGraph = { nodes: [], edges: [], truncated: false };
    for (const tenantId of tenants) {
      const budget = MAX_GRAPH_NODES - answer.nodes.length;
      if (budget === 0) return { ...answer, truncated: true };
      const graph = await this.db.runAsTenant(tenantId, () => this.traverse(seed, depth, budget));
      answer.nodes.push(...graph.nodes.map((node) => ({ tenantId, ...node })));
      answer.edges.push(...graph.edges.map((edge) => ({ tenantId, ...edge })));
      if (graph.truncated) return { ...answer, truncated: true };
    }
    return answer;
  }

  /**
   * Breadth-first from the seed, one query per hop. Users link to their fingerprints and domainprints and
   * back, so hops alternate between users and devices. When a hop finds more new nodes than the budget
   * leaves room for, the strongest links are kept, the answer says `truncated` and the walk stops.
   */
  private async traverse(seed: GraphNode, depth: number, cap: number): Promise<IdentityGraph> {
    const nodes: GraphNode[] = [seed];
    const included = emptySets();
    included[seed.type].push(seed.id);
    let frontier = [seed];
    let truncated = false;
    for (let hop = 1; hop <= depth && frontier.length > 0; hop += 1) {
      const room = cap - nodes.length;
      const found = await this.repository.neighbours(setsOf(frontier), included, cap + 1, room + 1);
      if (found.length > room) {
        truncated = true;
        found.length = room;
      }
      for (const node of found) included[node.type].push(node.id);
      nodes.push(...found);
      frontier = found;
      if (truncated) break;
    }
    return { nodes, edges: await this.repository.edges(included), truncated };
  }

  private async clusters(limit: number, cursor: string | undefined): Promise<Page<Cluster>> {
    const after = this.cursors.decode(CLUSTERS_CURSOR, cursor);
    const rows = await this.repository.clusters(after, limit + 1, MAX_CLUSTER_MEMBERS);
    const withTenant = this.db.crossTenant;
    return this.cursors.page(
      CLUSTERS_CURSOR,
      rows,
      limit,
      (row) => toCluster(row, withTenant),
      (row) => [row.user_count, row.tenant_id, row.anchor],
    );
  }
}

function setsOf(nodes: GraphNode[]): NodeSets {
  const sets = emptySets();
  for (const node of nodes) sets[node.type].push(node.id);
  return sets;
}

function toCluster(row: ClusterRow, withTenant: boolean): Cluster {
  return {
    ...(withTenant ? { tenantId: row.tenant_id } : {}),
    size: row.user_count,
    users: row.users,
    fingerprints: row.fingerprints,
    domainprints: row.domainprints,
    fingerprintCount: row.fingerprint_count,
    domainprintCount: row.domainprint_count,
  };
}
