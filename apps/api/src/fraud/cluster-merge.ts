export type NodeType = 'user' | 'fingerprint' | 'domainprint';
export type DeviceType = Exclude<NodeType, 'user'>;

/** A user seen with a device, from a stored batch. */
export interface Link {
  userId: string;
  type: DeviceType;
  id: string;
}

/** Where a node of the batch stands now: in a cluster (with that cluster's totals), or new. */
export interface NodeState {
  type: NodeType;
  id: string;
  clusterId: string | null;
  userCount: number;
  fingerprintCount: number;
  domainprintCount: number;
  anchor: string | null;
}

/**
 * One merged component: `target` keeps its id (the biggest existing cluster, so the fewest members are
 * relabelled), `sources` are folded into it, `added` are nodes seen for the first time. A component of new
 * nodes only has no target and gets a fresh id. `anchors` are the candidates for the smallest user id.
 */
export interface MergePlan {
  key: number;
  target: string | null;
  sources: string[];
  userCount: number;
  fingerprintCount: number;
  domainprintCount: number;
  anchors: string[];
  added: Array<{ type: NodeType; id: string }>;
}

const nodeKey = (type: NodeType, id: string) => `${type}\u0000${id}`;

/**
 * Union-find over the batch's links, where every existing cluster is a single element: the result says
 * which clusters merge and which new nodes join them. Work is linear in the batch, whatever the cluster sizes.
 */
export function planMerges(links: Link[], states: NodeState[]): MergePlan[] {
  const stateOf = new Map(states.map((state) => [nodeKey(state.type, state.id), state]));
  const parent = new Map<string, string>();
  const elementOf = (type: NodeType, id: string): string => {
    const state = stateOf.get(nodeKey(type, id));
    const element = state?.clusterId ? `cluster:${state.clusterId}` : `node:${nodeKey(type, id)}`;
    if (!parent.has(element)) parent.set(element, element);
    return element;
  };
  const find = (element: string): string => {
    let root = element;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let at = element; at !== root;) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  for (const link of links) {
    const a = find(elementOf('user', link.userId));
    const b = find(elementOf(link.type, link.id));
    if (a !== b) parent.set(a, b);
  }

  const components = new Map<string, { clusters: Map<string, NodeState>; added: Array<{ type: NodeType; id: string }> }>();
  const componentOf = (element: string) => {
    const root = find(element);
    let component = components.get(root);
    if (!component) components.set(root, (component = { clusters: new Map(), added: [] }));
    return component;
  };
  const seen = new Set<string>();
  const visit = (type: NodeType, id: string) => {
    const key = nodeKey(type, id);
    if (seen.has(key)) return;
    seen.add(key);
    const state = stateOf.get(key);
    const component = componentOf(elementOf(type, id));
    if (state?.clusterId) component.clusters.set(state.clusterId, state);
    else component.added.push({ type, id });
  };
  for (const link of links) {
    visit('user', link.userId);
    visit(link.type, link.id);
  }

  const plans: MergePlan[] = [];
  for (const { clusters, added } of components.values()) {
    const existing = [...clusters.values()].sort((a, b) => size(b) - size(a) || compareIds(a.clusterId!, b.clusterId!));
    if (existing.length === 1 && added.length === 0) continue;
    const count = (type: NodeType) => added.filter((node) => node.type === type).length;
    plans.push({
      key: plans.length,
      target: existing[0]?.clusterId ?? null,
      sources: existing.slice(1).map((state) => state.clusterId!),
      userCount: sum(existing, (state) => state.userCount) + count('user'),
      fingerprintCount: sum(existing, (state) => state.fingerprintCount) + count('fingerprint'),
      domainprintCount: sum(existing, (state) => state.domainprintCount) + count('domainprint'),
      anchors: [...existing.map((state) => state.anchor!), ...added.filter((node) => node.type === 'user').map((node) => node.id)],
      added,
    });
  }
  return plans;
}

const size = (state: NodeState) => state.userCount + state.fingerprintCount + state.domainprintCount;
const sum = (states: NodeState[], of: (state: NodeState) => number) => states.reduce((total, state) => total + of(state), 0);
/** Cluster ids are bigints as decimal strings. */
const compareIds = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
