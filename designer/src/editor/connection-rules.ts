import { edgeProblem, type EdgeProblem, type RuleNodeView } from '@leadflow/engine/edge-rules';
import type { NodeType } from '@leadflow/server/contract';

export interface RuleNode {
  id: string;
  /** How messages name it: its label, else its type's title. */
  name: string;
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
 * Why a new edge may not be drawn, or null when it may: the server's compiler applies the same
 * edge rules (@leadflow/engine/edge-rules), checked while the user drags so a bad edge is never
 * made. A port that already leads somewhere is not a reason: connecting it again re-routes it.
 */
export function connectionProblem(
  connection: Connection,
  nodes: ReadonlyMap<string, RuleNode>,
  edges: readonly RuleEdge[],
): string | null {
  // Only the drag refuses this: dropping on the node the drag started from is a slip, while the compiler accepts a Wait that leads back to itself.
  if (connection.source === connection.target && nodes.has(connection.source)) return 'a node cannot lead to itself';
  const view = (id: string): RuleNodeView | undefined => {
    const node = nodes.get(id);
    return node && { entry: node.nodeType?.entry ?? false, ports: node.ports };
  };
  const leadsTo = (source: string, port: string): string | undefined =>
    edges.find((edge) => edge.source === source && edge.sourceHandle === port)?.target;
  const problem = edgeProblem(connection, view, leadsTo);
  // The compiler refuses a second edge from a port; the drag re-routes the first instead (edge-edits).
  if (problem && problem.rule !== 'port-taken') return refusal(problem, connection, nodes);
  // The port's current edge is replaced, so it does not count for loops.
  const others = edges.filter(
    (edge) => !(edge.source === connection.source && edge.sourceHandle === connection.sourceHandle),
  );
  if (closesCycleWithoutWait(connection, nodes, others))
    return 'this closes a loop without a Wait; a lead would go round forever';
  return null;
}

/** A broken rule in the drag's words: short, since it shows while the pointer is still down. */
function refusal(
  problem: Exclude<EdgeProblem, { rule: 'port-taken' }>,
  connection: Connection,
  nodes: ReadonlyMap<string, RuleNode>,
): string {
  const name = (id: string): string => nodes.get(id)?.name ?? 'this node';
  switch (problem.rule) {
    case 'missing-source':
    case 'missing-target':
      return 'both ends must be nodes';
    case 'into-entry':
      return `nothing can lead back into ${name(connection.target)}, where leads come in`;
    case 'undeclared-port':
      return `${name(connection.source)} has no such path`;
  }
}

/** Whether target can already reach source along edges that avoid every waiting node (so the new edge would close a loop without one). */
function closesCycleWithoutWait(
  connection: Connection,
  nodes: ReadonlyMap<string, RuleNode>,
  edges: readonly RuleEdge[],
): boolean {
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
