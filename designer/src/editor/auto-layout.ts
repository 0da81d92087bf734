import dagre from '@dagrejs/dagre';
import type { Direction } from '../graph/layout-direction';
import { nodeHeight, nodeWidth } from '../graph/node-size';

/** Layered positions for every node (dagre), top-down by default, keeping the graph's ids and edges. */
export function autoLayout(
  nodes: readonly { id: string; ports: number }[],
  edges: readonly { source: string; target: string }[],
  direction: Direction = 'TB',
): Map<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph(
    direction === 'TB' ? { rankdir: 'TB', nodesep: 60, ranksep: 80 } : { rankdir: 'LR', nodesep: 40, ranksep: 90 },
  );
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes)
    graph.setNode(node.id, { width: nodeWidth(node.ports, direction), height: nodeHeight(node.ports, direction) });
  for (const edge of edges) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const placed = graph.node(node.id);
    positions.set(node.id, { x: Math.round(placed.x - placed.width / 2), y: Math.round(placed.y - placed.height / 2) });
  }
  return positions;
}
