import { type AnyNodeDefinition, portsOf } from '../definition/node-definition.js';
import { edgeProblem, type EdgeProblem, type RuleNodeView } from '../graph/edge-rules.js';
import type { GraphDocument, GraphEdge } from '../graph/graph-document.js';
import { portName } from '../problem-words/index.js';
import type { CompileError } from './compile-error.js';

/** node id → port → target node id, for the edges that are valid. */
export type Wiring = Map<string, Map<string, string>>;

/** node id → the nodes its edges lead to, valid or not: a lead could go there once the node is fixed. */
export type Reach = Map<string, string[]>;

/**
 * Checks the entry node and every edge against the rules the designer also applies while dragging
 * (graph/edge-rules), then that every declared port is wired.
 * Nodes whose config has a problem are not checked for ports: that problem is the one to fix.
 */
export function checkEdges(
  document: GraphDocument,
  resolved: Map<string, AnyNodeDefinition>,
  names: ReadonlyMap<string, string>,
  errors: CompileError[],
): { entry?: string; wiring: Wiring; reach: Reach } {
  const name = (id: string): string => names.get(id) ?? `node '${id}'`;
  const known = new Set(document.nodes.map((node) => node.id));
  const configs = new Map(document.nodes.map((node) => [node.id, node.config]));
  const entries = [...resolved].filter(([, definition]) => definition.entry).map(([id]) => id);
  if (entries.length === 0)
    errors.push({ path: 'nodes', message: 'the workflow needs an entry node (Capture) where leads come in' });
  for (const extra of entries.slice(1)) {
    errors.push({
      nodeId: extra,
      path: 'type',
      message: `${name(extra)}: a workflow has one entry node, and ${name(entries[0] as string)} already is it`,
    });
  }
  const entry = entries[0];

  const wiring: Wiring = new Map();
  const reach: Reach = new Map();
  const edgeIds = new Set<string>();
  const ports = new Map([...resolved].map(([id, definition]) => [id, portsOf(definition, configs.get(id))]));
  const view = (id: string): RuleNodeView | undefined =>
    known.has(id) ? { entry: id === entry, ports: ports.get(id) } : undefined;
  const leadsTo = (source: string, port: string): string | undefined => wiring.get(source)?.get(port);
  for (const edge of document.edges) {
    if (edgeIds.has(edge.id)) {
      errors.push({
        edgeId: edge.id,
        path: 'id',
        message: `two connections have the id '${edge.id}'; give one of them another id`,
      });
      continue;
    }
    edgeIds.add(edge.id);
    const problem = edgeProblem(edge, view, leadsTo);
    if (problem) errors.push({ edgeId: edge.id, ...edgeError(edge, problem, name) });
    // A lead could follow an edge whose only fault is its port, once that is fixed: what lies behind it is reachable.
    if (problem === null || problem.rule === 'undeclared-port' || problem.rule === 'port-taken') {
      reach.set(edge.source, [...(reach.get(edge.source) ?? []), edge.target]);
    }
    // A node whose type is unknown has no ports to wire; its own problem explains it.
    if (problem || !ports.has(edge.source)) continue;
    const nodeWiring = wiring.get(edge.source) ?? new Map<string, string>();
    nodeWiring.set(edge.sourceHandle, edge.target);
    wiring.set(edge.source, nodeWiring);
  }

  for (const [id, nodePorts] of ports) {
    for (const port of nodePorts) {
      if (!wiring.get(id)?.has(port.name)) {
        errors.push({
          nodeId: id,
          path: `ports.${port.name}`,
          message: `${name(id)}: ${portName(port)} leads nowhere; connect it to the next step (an End node finishes a path)`,
        });
      }
    }
  }
  return { entry, wiring, reach };
}

/** A broken rule in the compiler's words: the error says what to do about the stored edge. */
function edgeError(
  edge: GraphEdge,
  problem: EdgeProblem,
  name: (id: string) => string,
): { path: string; message: string } {
  switch (problem.rule) {
    case 'missing-source':
      return {
        path: 'source',
        message: `a connection starts at a node that does not exist ('${edge.source}'); delete it`,
      };
    case 'missing-target':
      return {
        path: 'target',
        message: `${name(edge.source)}: a connection leads to a node that does not exist ('${edge.target}'); delete it`,
      };
    case 'into-entry':
      return {
        path: 'target',
        message: `${name(edge.source)}: nothing may lead back into ${name(edge.target)}, where leads come in`,
      };
    case 'undeclared-port': {
      const declared = problem.declared.length
        ? problem.declared.map((port) => `'${port.label ?? port.name}'`).join(', ')
        : 'none';
      return {
        path: 'sourceHandle',
        message: `${name(edge.source)} has no '${edge.sourceHandle}' path any more; connect one of its paths (${declared}) instead`,
      };
    }
    case 'port-taken':
      return {
        path: 'sourceHandle',
        message: `${name(edge.source)}: ${portName(problem.port)} already leads to ${name(problem.takenBy)}; a path leads to one node`,
      };
  }
}
