import type { GraphDocument, GraphEdge, GraphNode } from '@leadflow/server/contract';

export type Change = 'added' | 'removed' | 'changed';

export interface GraphDiff {
  nodes: Record<string, Change>;
  edges: Record<string, Change>;
  /** Per changed node: which of its parts changed (type version, label, config fields). */
  nodeDetails: Record<string, string[]>;
}

const stable = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );

/** What changed in a node that matters to leads (moving it on the canvas does not). */
function nodeChanges(before: GraphNode, after: GraphNode): string[] {
  const changes: string[] = [];
  if (before.type !== after.type || before.typeVersion !== after.typeVersion)
    changes.push(`type ${before.type}@${before.typeVersion} → ${after.type}@${after.typeVersion}`);
  if ((before.label ?? '') !== (after.label ?? '')) changes.push('label');
  const keys = new Set([...Object.keys(before.config), ...Object.keys(after.config)]);
  for (const key of [...keys].sort())
    if (stable(before.config[key]) !== stable(after.config[key])) changes.push(`config.${key}`);
  return changes;
}

const edgeKey = (edge: GraphEdge): string => `${edge.source}|${edge.sourceHandle}|${edge.target}`;

/**
 * Nodes and edges added, removed or changed from `before` to `after`. Nodes match by id; edges
 * by what they connect (an edge re-created with a new id is the same edge).
 */
export function diffGraphs(before: GraphDocument, after: GraphDocument): GraphDiff {
  const diff: GraphDiff = { nodes: {}, edges: {}, nodeDetails: {} };
  const beforeNodes = new Map(before.nodes.map((node) => [node.id, node]));
  const afterNodes = new Map(after.nodes.map((node) => [node.id, node]));
  for (const [id, node] of afterNodes) {
    const old = beforeNodes.get(id);
    if (!old) diff.nodes[id] = 'added';
    else {
      const changes = nodeChanges(old, node);
      if (changes.length) {
        diff.nodes[id] = 'changed';
        diff.nodeDetails[id] = changes;
      }
    }
  }
  for (const id of beforeNodes.keys()) if (!afterNodes.has(id)) diff.nodes[id] = 'removed';
  const beforeEdges = new Set(before.edges.map(edgeKey));
  const afterEdges = new Set(after.edges.map(edgeKey));
  for (const edge of after.edges) if (!beforeEdges.has(edgeKey(edge))) diff.edges[edge.id] = 'added';
  for (const edge of before.edges) if (!afterEdges.has(edgeKey(edge))) diff.edges[edge.id] = 'removed';
  return diff;
}

/**
 * One canvas showing both versions: everything in `after`, plus what `before` had that `after`
 * lacks (drawn as removed), so a reader sees additions and removals in place.
 */
export function mergedForCompare(before: GraphDocument, after: GraphDocument, diff: GraphDiff): GraphDocument {
  const removedNodes = before.nodes.filter((node) => diff.nodes[node.id] === 'removed');
  const afterIds = new Set(after.edges.map((edge) => edge.id));
  const removedEdges = before.edges
    .filter((edge) => diff.edges[edge.id] === 'removed')
    .map((edge) => (afterIds.has(edge.id) ? { ...edge, id: `${edge.id}~removed` } : edge));
  return { name: after.name, nodes: [...after.nodes, ...removedNodes], edges: [...after.edges, ...removedEdges] };
}
