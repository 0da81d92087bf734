import dagre from '@dagrejs/dagre';

const NODE_WIDTH = 220;
const BASE_HEIGHT = 56;
const PORT_HEIGHT = 18;

/** Left-to-right layered positions for every node (dagre), keeping the graph's ids and edges. */
export function autoLayout(nodes: readonly { id: string; ports: number }[], edges: readonly { source: string; target: string }[]): Map<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: NODE_WIDTH, height: BASE_HEIGHT + node.ports * PORT_HEIGHT });
  for (const edge of edges) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const placed = graph.node(node.id);
    positions.set(node.id, { x: Math.round(placed.x - placed.width / 2), y: Math.round(placed.y - placed.height / 2) });
  }
  return positions;
}
