import type { Node, ReactFlowInstance } from '@xyflow/react';
import type { Direction } from './layout-direction';

/** Below this zoom a 13 px port label drops under 12 px on screen: the canvas never opens smaller. */
export const READABLE_ZOOM = 0.95;
const PADDING = 40;

/**
 * Opens a graph so it can be read: the whole graph when it fits at a readable zoom, else at
 * the readable zoom with the entry node in view, at the top (top-down) or the left
 * (left-to-right). A lone node opens at 1×, never 2×.
 */
export function openReadable<N extends Node>(
  flow: { getNodes(): N[]; setViewport: ReactFlowInstance['setViewport'] },
  size: { width: number; height: number },
  direction: Direction,
  entryId: string | null,
): void {
  const nodes = flow.getNodes();
  if (nodes.length === 0 || size.width === 0) return;
  const bounds = boundsOf(nodes);
  const fitZoom = Math.min((size.width - 2 * PADDING) / bounds.width, (size.height - 2 * PADDING) / bounds.height);
  if (fitZoom >= READABLE_ZOOM) {
    const zoom = Math.min(fitZoom, 1);
    void flow.setViewport({
      x: size.width / 2 - (bounds.x + bounds.width / 2) * zoom,
      y: size.height / 2 - (bounds.y + bounds.height / 2) * zoom,
      zoom,
    });
    return;
  }
  const entry = nodes.find((node) => node.id === entryId) ?? nodes[0];
  if (!entry) return;
  const zoom = READABLE_ZOOM;
  const width = entry.measured?.width ?? 240;
  const height = entry.measured?.height ?? 80;
  if (direction === 'TB') {
    // The entry at the top; the graph's middle column under it where the graph is narrow enough.
    const centreX = bounds.width * zoom <= size.width ? bounds.x + bounds.width / 2 : entry.position.x + width / 2;
    void flow.setViewport({ x: size.width / 2 - centreX * zoom, y: PADDING - entry.position.y * zoom, zoom });
  } else {
    void flow.setViewport({
      x: PADDING - entry.position.x * zoom,
      y: size.height / 2 - (entry.position.y + height / 2) * zoom,
      zoom,
    });
  }
}

function boundsOf(nodes: readonly Node[]): { x: number; y: number; width: number; height: number } {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    minX = Math.min(minX, node.position.x);
    minY = Math.min(minY, node.position.y);
    maxX = Math.max(maxX, node.position.x + (node.measured?.width ?? 240));
    maxY = Math.max(maxY, node.position.y + (node.measured?.height ?? 80));
  }
  return { x: minX, y: minY, width: Math.max(1, maxX - minX), height: Math.max(1, maxY - minY) };
}

/** Minimap colours: a node's category, or the path colour when a lead passed it. */
const CATEGORY_COLOURS: Record<string, string> = {
  entry: '#2f5bd3',
  data: '#0f8b8d',
  qualification: '#8e44ad',
  logic: '#6c757d',
  routing: '#e06d00',
  timing: '#b08900',
  engagement: '#1b8a3a',
  outcome: '#343a40',
};

/** Colours minimap nodes by category; with a lead's path on, path nodes stand out and the rest are muted. */
export function minimapColour(withPath: boolean): (node: Node) => string {
  return (node) => {
    const data = node.data as { mark?: string; nodeType?: { category: string } };
    if (data.mark === 'failed') return '#b42318';
    if (data.mark === 'visited' || data.mark === 'current') return '#ff7a00';
    const colour = CATEGORY_COLOURS[data.nodeType?.category ?? ''] ?? '#8a93a6';
    return withPath ? `${colour}55` : colour;
  };
}

/** Brings a node to the middle of the view, zooming in to a readable size if the view is smaller. */
export function centreNode<N extends Node>(
  flow: { getNode(id: string): N | undefined; getZoom(): number; setCenter: ReactFlowInstance['setCenter'] },
  nodeId: string,
): void {
  const node = flow.getNode(nodeId);
  if (!node) return;
  const x = node.position.x + (node.measured?.width ?? 240) / 2;
  const y = node.position.y + (node.measured?.height ?? 100) / 2;
  void flow.setCenter(x, y, { zoom: Math.max(flow.getZoom(), READABLE_ZOOM), duration: 250 });
}
