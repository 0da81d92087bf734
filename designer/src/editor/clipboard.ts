import type { GraphEdge, GraphNode } from '@leadflow/server/contract';

export interface Clip {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** A fresh node id for a type: `assign`, then `assign-2`, `assign-3`… */
export function freshId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/[^A-Za-z0-9_.:-]/g, '-').replace(/-\d+$/, '') || 'node';
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n += 1) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

/** What copying a selection keeps: the nodes (never the entry) and the edges between them. */
export function copySelection(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  selected: ReadonlySet<string>,
  isEntry: (node: GraphNode) => boolean,
): Clip {
  const kept = nodes.filter((node) => selected.has(node.id) && !isEntry(node));
  const ids = new Set(kept.map((node) => node.id));
  return {
    nodes: structuredClone(kept),
    edges: edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)).map((edge) => ({ ...edge })),
  };
}

/** The clip with new ids (so it never clashes), moved by `offset`, with its inner edges rewired. */
export function pasteClip(
  clip: Clip,
  takenNodeIds: ReadonlySet<string>,
  takenEdgeIds: ReadonlySet<string>,
  offset: { x: number; y: number },
): Clip {
  const nodeIds = new Set(takenNodeIds);
  const edgeIds = new Set(takenEdgeIds);
  const renamed = new Map<string, string>();
  const nodes = clip.nodes.map((node) => {
    const id = freshId(node.id, nodeIds);
    nodeIds.add(id);
    renamed.set(node.id, id);
    return { ...structuredClone(node), id, position: { x: node.position.x + offset.x, y: node.position.y + offset.y } };
  });
  const edges = clip.edges.map((edge) => {
    const id = freshId(`e-${renamed.get(edge.source)}-${edge.sourceHandle}`, edgeIds);
    edgeIds.add(id);
    return { ...edge, id, source: renamed.get(edge.source) as string, target: renamed.get(edge.target) as string };
  });
  return { nodes, edges };
}
