import type { AnyNodeDefinition } from '../definition/node-definition.js';
import type { NodeRegistry } from '../definition/node-registry.js';
import type { GraphDocument } from '../graph/graph-document.js';
import { configProblems, issueProblem, type SchemaLike, sentence } from '../problem-words/index.js';
import type { CompileError } from './compile-error.js';
import { schemaValidator } from './schema-validator.js';

/**
 * Resolves each node's type and version and validates its config; returns the nodes that
 * resolved. Config problems are said with the node's name and the fields' titles.
 */
export function checkNodes(
  document: GraphDocument,
  registry: NodeRegistry,
  names: ReadonlyMap<string, string>,
  errors: CompileError[],
): Map<string, AnyNodeDefinition> {
  const resolved = new Map<string, AnyNodeDefinition>();
  const ids = new Set<string>();
  for (const node of document.nodes) {
    const name = names.get(node.id) ?? node.id;
    if (ids.has(node.id)) {
      errors.push({
        nodeId: node.id,
        path: 'id',
        message: `two nodes have the id '${node.id}'; give one of them another id`,
      });
      continue;
    }
    ids.add(node.id);
    const definition = registry.get(node.type, node.typeVersion);
    if (!definition) {
      const latest = registry.latest(node.type);
      const message = latest
        ? `${name}: version ${node.typeVersion} of ${latest.title} is not installed on this server (the latest is ${latest.version})`
        : `${name}: the node type '${node.type}' is not installed on this server`;
      errors.push({ nodeId: node.id, path: latest ? 'typeVersion' : 'type', message });
      continue;
    }
    const schema = definition.configSchema as unknown as SchemaLike;
    const validate = schemaValidator(definition.configSchema);
    if (!validate(node.config)) {
      for (const problem of configProblems(schema, node.config, validate.errors)) {
        errors.push({
          nodeId: node.id,
          path: problem.path ? `config.${problem.path}` : 'config',
          message: sentence(name, problem.where, problem.phrase),
          field: problem.phrase,
        });
      }
      continue;
    }
    for (const issue of definition.validate?.(node.config) ?? []) {
      const problem = issueProblem(schema, node.config, issue);
      errors.push({
        nodeId: node.id,
        path: issue.path ? `config.${issue.path}` : 'config',
        message: sentence(name, problem.where, problem.phrase),
        field: problem.phrase,
      });
    }
    resolved.set(node.id, definition);
  }
  return resolved;
}
