import type { NodeType } from '../api/types';

export interface RuleNode {
  id: string;
  /** How messages name it: its label, else its type's title. */
  name?: string;
  nodeType: NodeType | undefined;
  ports: readonly { name: string; label?: string }[];
}

export interface RuleEdge {
  source: string;
  sourceHandle?: string | null;
  target: string;
}

export interface Connection {
  source: string;
  sourceHandle: string | null;
  target: string;
}

/**
 * Why a new edge may not be drawn, or null when it may: the same rules the server's compiler
 * applies, checked while the user drags so a bad edge is never made. A port that already leads
 * somewhere is not a reason: connecting it again re-routes it (see edge-edits).
 */
export function connectionProblem(connection: Connection, nodes: ReadonlyMap<string, RuleNode>, edges: readonly RuleEdge[]): string | null {
  const source = nodes.get(connection.source);
  const target = nodes.get(connection.target);
  if (!source || !target) return 'both ends must be nodes';
  if (connection.source === connection.target) return 'a node cannot lead to itself';
  const declared = source.ports.some((port) => port.name === connection.sourceHandle);
  if (!connection.sourceHandle || !declared) return `${source.name ?? source.id} has no such path`;
  if (target.nodeType?.entry) return `nothing can lead back into ${target.name ?? 'the entry node'}, where leads come in`;
  // The port's current edge is replaced, so it does not count for loops.
  const others = edges.filter((edge) => !(edge.source === connection.source && edge.sourceHandle === connection.sourceHandle));
  if (closesCycleWithoutWait(connection, nodes, others)) return 'this closes a loop without a Wait; a lead would go round forever';
  return null;
}

/** Whether target can already reach source along edges that avoid every waiting node (so the new edge would close a loop without one). */
function closesCycleWithoutWait(connection: Connection, nodes: ReadonlyMap<string, RuleNode>, edges: readonly RuleEdge[]): boolean {
  const waits = (id: string): boolean => nodes.get(id)?.nodeType?.waits ?? false;
  if (waits(connection.source) || waits(connection.target)) return false;
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
  const seen = new Set<string>([connection.target]);
  const queue = [connection.target];
  while (queue.length) {
    const id = queue.shift() as string;
    if (id === connection.source) return true;
    for (const to of next.get(id) ?? []) {
      if (!seen.has(to) && !waits(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return false;
}
