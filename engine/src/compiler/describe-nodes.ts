import { portsOf, type PortSpec } from '../definition/node-definition.js';
import type { NodeRegistry } from '../definition/node-registry.js';
import type { GraphDocument } from '../graph/graph-document.js';
import { schemaValidator } from './schema-validator.js';

/** What the canvas shows on a node that only the node's own code can tell: its ports for this config and a one-line summary. */
export interface NodeDescription {
  ports: PortSpec[];
  summary: string | null;
}

/**
 * Describes every node of a (possibly unfinished) graph. A config that does not validate still
 * gets the ports of the default config, so the canvas keeps its handles while the user types.
 */
export function describeNodes(document: GraphDocument, registry: NodeRegistry): Record<string, NodeDescription> {
  const described: Record<string, NodeDescription> = {};
  for (const node of document.nodes) {
    const definition = registry.get(node.type, node.typeVersion);
    if (!definition) continue;
    const valid = schemaValidator(definition.configSchema)(node.config) === true;
    const config = valid ? node.config : definition.defaultConfig;
    let summary: string | null = null;
    try {
      summary = valid && definition.summary ? definition.summary(config) : null;
    } catch {
      summary = null;
    }
    described[node.id] = { ports: [...portsOf(definition, config)], summary };
  }
  return described;
}
