/**
 * The rules one connection must keep, written once: the compiler applies them to a saved graph
 * and the designer to a connection being dragged, so the two cannot drift apart. Each caller
 * words a problem itself (an error on a stored edge reads differently from a refused drag).
 * Imports nothing, so the designer bundles it without the engine's Node-only code.
 */

export interface RulePort {
  name: string;
  label?: string | undefined;
}

/** What the rules need to know of a node. */
export interface RuleNodeView {
  /** Leads come in here, so nothing may lead into it. */
  entry: boolean;
  /** Its output ports; undefined when its type is unknown, whose own problem is the one to fix first. */
  ports: readonly RulePort[] | undefined;
}

export interface RuleEdge {
  source: string;
  sourceHandle?: string | null | undefined;
  target: string;
}

/** The first rule an edge breaks, with what a caller needs to word it. */
export type EdgeProblem =
  | { rule: 'missing-source' }
  | { rule: 'missing-target' }
  | { rule: 'into-entry' }
  | { rule: 'undeclared-port'; declared: readonly RulePort[] }
  | { rule: 'port-taken'; port: RulePort; takenBy: string };

export type EdgeRule = EdgeProblem['rule'];

/**
 * The first rule `edge` breaks, or null. Checked in this order because a later rule means
 * nothing once an earlier one fails: a missing node has no ports, an edge into the entry is
 * wrong whatever port it leaves. `leadsTo` says where a port already leads (a port leads to one
 * node); the designer answers a taken port by re-routing it, the compiler by refusing the edge.
 */
export function edgeProblem(
  edge: RuleEdge,
  node: (id: string) => RuleNodeView | undefined,
  leadsTo: (source: string, port: string) => string | undefined,
): EdgeProblem | null {
  const source = node(edge.source);
  if (!source) return { rule: 'missing-source' };
  const target = node(edge.target);
  if (!target) return { rule: 'missing-target' };
  if (target.entry) return { rule: 'into-entry' };
  if (!source.ports) return null;
  const port = source.ports.find((candidate) => candidate.name === edge.sourceHandle);
  if (!port) return { rule: 'undeclared-port', declared: source.ports };
  const takenBy = leadsTo(edge.source, port.name);
  if (takenBy !== undefined) return { rule: 'port-taken', port, takenBy };
  return null;
}
