import type { AnyNodeDefinition } from '../definition/node-definition.js';
import type { NodeRegistry } from '../definition/node-registry.js';
import type { GraphDocument } from '../graph/graph-document.js';
import { fieldErrors } from './ajv-errors.js';
import type { CompileError } from './compile-error.js';
import { schemaValidator } from './schema-validator.js';

/** Resolves each node's type and version and validates its config; returns the nodes that resolved. */
export function checkNodes(document: GraphDocument, registry: NodeRegistry, errors: CompileError[]): Map<string, AnyNodeDefinition> {
  const resolved = new Map<string, AnyNodeDefinition>();
  const ids = new Set<string>();
  for (const node of document.nodes) {
    if (ids.has(node.id)) {
      errors.push({ nodeId: node.id, path: 'id', message: `node id '${node.id}' is used by more than one node` });
      continue;
    }
    ids.add(node.id);
    const definition = registry.get(node.type, node.typeVersion);
    if (!definition) {
      const message = registry.hasType(node.type)
        ? `node type '${node.type}' has no version ${node.typeVersion} (latest is ${registry.latest(node.type)?.version})`
        : `unknown node type '${node.type}'`;
      errors.push({ nodeId: node.id, path: registry.hasType(node.type) ? 'typeVersion' : 'type', message });
      continue;
    }
    const validate = schemaValidator(definition.configSchema);
    if (!validate(node.config)) {
      for (const error of fieldErrors(validate.errors, 'config')) errors.push({ nodeId: node.id, ...error });
      continue;
    }
    for (const issue of definition.validate?.(node.config) ?? []) {
      errors.push({ nodeId: node.id, path: issue.path ? `config.${issue.path}` : 'config', message: issue.message });
    }
    resolved.set(node.id, definition);
  }
  return resolved;
}
