import { type AnyNodeDefinition, portsOf } from '../definition/node-definition.js';
import type { GraphDocument } from '../graph/graph-document.js';
import { portName } from '../problem-words/index.js';
import type { CompileError } from './compile-error.js';

/** node id → port → target node id, for the edges that are valid. */
export type Wiring = Map<string, Map<string, string>>;

/** node id → the nodes its edges lead to, valid or not: a lead could go there once the node is fixed. */
export type Reach = Map<string, string[]>;

/**
 * Checks the entry node and every edge: both ends exist, the source port is declared, a port
 * leads to one place only, nothing points back into the entry. Then every declared port must be wired.
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
  if (entries.length === 0) errors.push({ path: 'nodes', message: 'the workflow needs an entry node (Capture) where leads come in' });
  for (const extra of entries.slice(1)) {
    errors.push({ nodeId: extra, path: 'type', message: `${name(extra)}: a workflow has one entry node, and ${name(entries[0] as string)} already is it` });
  }
  const entry = entries[0];

  const wiring: Wiring = new Map();
  const reach: Reach = new Map();
  const edgeIds = new Set<string>();
  for (const edge of document.edges) {
    const fail = (path: string, message: string): void => {
      errors.push({ edgeId: edge.id, path, message });
    };
    if (edgeIds.has(edge.id)) {
      fail('id', `two connections have the id '${edge.id}'; give one of them another id`);
      continue;
    }
    edgeIds.add(edge.id);
    if (!known.has(edge.source)) {
      fail('source', `a connection starts at a node that does not exist ('${edge.source}'); delete it`);
      continue;
    }
    if (!known.has(edge.target)) {
      fail('target', `${name(edge.source)}: a connection leads to a node that does not exist ('${edge.target}'); delete it`);
      continue;
    }
    if (edge.target === entry) {
      fail('target', `${name(edge.source)}: nothing may lead back into ${name(entry)}, where leads come in`);
      continue;
    }
    reach.set(edge.source, [...(reach.get(edge.source) ?? []), edge.target]);
    const definition = resolved.get(edge.source);
    if (!definition) continue; // the node's own problem already explains it
    const ports = portsOf(definition, configs.get(edge.source));
    if (!ports.some((port) => port.name === edge.sourceHandle)) {
      const declared = ports.length ? ports.map((port) => `'${port.label ?? port.name}'`).join(', ') : 'none';
      fail('sourceHandle', `${name(edge.source)} has no '${edge.sourceHandle}' path any more; connect one of its paths (${declared}) instead`);
      continue;
    }
    const nodeWiring = wiring.get(edge.source) ?? new Map<string, string>();
    const taken = nodeWiring.get(edge.sourceHandle);
    if (taken !== undefined) {
      const port = ports.find((candidate) => candidate.name === edge.sourceHandle) as { name: string; label?: string };
      fail('sourceHandle', `${name(edge.source)}: ${portName(port)} already leads to ${name(taken)}; a path leads to one node`);
      continue;
    }
    nodeWiring.set(edge.sourceHandle, edge.target);
    wiring.set(edge.source, nodeWiring);
  }

  for (const [id, definition] of resolved) {
    for (const port of portsOf(definition, configs.get(id))) {
      if (!wiring.get(id)?.has(port.name)) {
        errors.push({ nodeId: id, path: `ports.${port.name}`, message: `${name(id)}: ${portName(port)} leads nowhere; connect it to the next step (an End node finishes a path)` });
      }
    }
  }
  return { entry, wiring, reach };
}
