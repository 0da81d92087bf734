import { type AnyNodeDefinition, portsOf, type PortSpec } from '../definition/node-definition.js';
import type { NodeRegistry } from '../definition/node-registry.js';
import type { GraphDocument } from '../graph/graph-document.js';
import { schemaValidator } from './schema-validator.js';

/** What the canvas shows on a node that only the node's own code can tell: its ports for this config and a one-line summary. */
export interface NodeDescription {
  ports: PortSpec[];
  summary: string | null;
}

/**
 * The ports an unfinished config would have: a branch case whose condition is still empty keeps
 * its port (and its edge on screen). Null when the config is too far off to say.
 */
function bestEffortPorts(definition: AnyNodeDefinition, config: unknown): readonly PortSpec[] | null {
  if (typeof definition.ports !== 'function' || !config || typeof config !== 'object') return null;
  try {
    const ports = definition.ports(config);
    const names = ports.map((port) => port.name);
    const wellFormed =
      ports.every((port) => typeof port.name === 'string' && port.name.trim() !== '') &&
      new Set(names).size === names.length;
    return wellFormed ? ports : null;
  } catch {
    return null;
  }
}

/**
 * Describes every node of a (possibly unfinished) graph. A config that does not validate keeps
 * the ports it would have where they can be told, else the default config's, so the canvas
 * keeps its handles and edges while the user types.
 */
export function describeNodes(document: GraphDocument, registry: NodeRegistry): Record<string, NodeDescription> {
  const described: Record<string, NodeDescription> = {};
  for (const node of document.nodes) {
    const definition = registry.get(node.type, node.typeVersion);
    if (!definition) continue;
    const valid = schemaValidator(definition.configSchema)(node.config) === true;
    let summary: string | null;
    try {
      summary = valid && definition.summary ? definition.summary(node.config) : null;
    } catch {
      summary = null;
    }
    const ports = valid
      ? portsOf(definition, node.config)
      : (bestEffortPorts(definition, node.config) ?? portsOf(definition, definition.defaultConfig));
    described[node.id] = { ports: [...ports], summary };
  }
  return described;
}
