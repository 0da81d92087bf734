import { createContext, useContext } from 'react';

/** Top-down (the default) or left-to-right: where edges leave and enter a node. */
export type Direction = 'TB' | 'LR';

/**
 * The direction a graph was laid out in, read from its positions: most edges going down means
 * top-down, most going right means left-to-right. An empty graph is top-down.
 */
export function inferDirection(
  nodes: readonly { id: string; position: { x: number; y: number } }[],
  edges: readonly { source: string; target: string }[],
): Direction {
  const at = new Map(nodes.map((node) => [node.id, node.position]));
  let down = 0;
  let right = 0;
  for (const edge of edges) {
    const from = at.get(edge.source);
    const to = at.get(edge.target);
    if (!from || !to) continue;
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    if (Math.abs(dy) >= Math.abs(dx)) down += 1;
    else right += 1;
  }
  return right > down ? 'LR' : 'TB';
}

export const DirectionContext = createContext<Direction>('TB');

export const useDirection = (): Direction => useContext(DirectionContext);

/**
 * What the editor lets a node's free port do: the "+" that opens the palette and adds a node
 * already wired. Absent on read-only canvases.
 */
export const AddFromPortContext = createContext<((nodeId: string, port: string) => void) | null>(null);
