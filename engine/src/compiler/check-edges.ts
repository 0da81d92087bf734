import { type AnyNodeDefinition, portsOf } from '../definition/node-definition.js';
import type { GraphDocument } from '../graph/graph-document.js';
import type { CompileError } from './compile-error.js';

/** node id → port → target node id, for the edges that are valid. */
export type Wiring = Map<string, Map<string, string>>;

/**
 * Checks the entry node and every edge: both ends exist, the source port is declared, a port
 * leads to one place only, nothing points back into the entry. Then every declared port must be wired.
 */
export function checkEdges(document: GraphDocument, resolved: Map<string, AnyNodeDefinition>, errors: CompileError[]): { entry?: string; wiring: Wiring } {
  const known = new Set(document.nodes.map((node) => node.id));
  const configs = new Map(document.nodes.map((node) => [node.id, node.config]));
  const entries = [...resolved].filter(([, definition]) => definition.entry).map(([id]) => id);
  if (entries.length === 0) errors.push({ path: 'nodes', message: 'the graph needs an entry node (capture)' });
  for (const extra of entries.slice(1)) {
    errors.push({ nodeId: extra, path: 'type', message: `a graph has exactly one entry node; '${entries[0]}' is already the entry` });
  }
  const entry = entries[0];

  const wiring: Wiring = new Map();
  const edgeIds = new Set<string>();
  for (const edge of document.edges) {
    const fail = (path: string, message: string): void => {
      errors.push({ edgeId: edge.id, path, message });
    };
    if (edgeIds.has(edge.id)) {
      fail('id', `edge id '${edge.id}' is used by more than one edge`);
      continue;
    }
    edgeIds.add(edge.id);
    if (!known.has(edge.source)) {
      fail('source', `edge starts at node '${edge.source}', which does not exist`);
      continue;
    }
    if (!known.has(edge.target)) {
      fail('target', `edge leads to node '${edge.target}', which does not exist`);
      continue;
    }
    if (edge.target === entry) {
      fail('target', `nothing may lead into the entry node '${entry}'`);
      continue;
    }
    const definition = resolved.get(edge.source);
    if (!definition) continue; // the node's own error already explains it
    const ports = portsOf(definition, configs.get(edge.source)).map((port) => port.name);
    if (!ports.includes(edge.sourceHandle)) {
      const declared = ports.length ? ports.join(', ') : 'none';
      fail('sourceHandle', `node '${edge.source}' has no output port '${edge.sourceHandle}' (ports: ${declared})`);
      continue;
    }
    const nodeWiring = wiring.get(edge.source) ?? new Map<string, string>();
    if (nodeWiring.has(edge.sourceHandle)) {
      fail('sourceHandle', `port '${edge.sourceHandle}' of node '${edge.source}' is already connected; a port leads to one node`);
      continue;
    }
    nodeWiring.set(edge.sourceHandle, edge.target);
    wiring.set(edge.source, nodeWiring);
  }

  for (const [id, definition] of resolved) {
    for (const port of portsOf(definition, configs.get(id))) {
      if (!wiring.get(id)?.has(port.name)) {
        errors.push({ nodeId: id, path: `ports.${port.name}`, message: `output port '${port.name}' is not connected; connect it (an End node finishes a path)` });
      }
    }
  }
  return { entry, wiring };
}
