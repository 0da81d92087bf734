import type { AnyNodeDefinition } from '../definition/node-definition.js';
import type { GraphDocument } from '../graph/graph-document.js';
import { sentence } from '../problem-words/index.js';
import type { CompileError } from './compile-error.js';

/**
 * Each event type a node waits for or reads must be in the event catalog: an undeclared one is
 * almost always a typo ("contacetd"), and a wait for it would never end.
 */
export function checkEventTypes(
  document: GraphDocument,
  resolved: ReadonlyMap<string, AnyNodeDefinition>,
  known: ReadonlySet<string>,
  names: ReadonlyMap<string, string>,
  errors: CompileError[],
): void {
  for (const node of document.nodes) {
    const definition = resolved.get(node.id);
    for (const named of definition?.eventsOf?.(node.config) ?? []) {
      if (known.has(named.type)) continue;
      const message = `'${named.type}' is not a declared event type; pick one from the event catalog or declare it first`;
      errors.push({
        nodeId: node.id,
        path: `config.${named.path}`,
        message: sentence(names.get(node.id) ?? node.id, [], message),
        field: message,
      });
    }
  }
}

/** Each credential a node names must exist, and be of a kind the node can use (a Slack webhook is no bearer token). */
export function checkCredentials(
  document: GraphDocument,
  resolved: ReadonlyMap<string, AnyNodeDefinition>,
  known: ReadonlyMap<string, { name: string; kind: string }>,
  names: ReadonlyMap<string, string>,
  errors: CompileError[],
): void {
  for (const node of document.nodes) {
    for (const named of resolved.get(node.id)?.credentialsOf?.(node.config) ?? []) {
      const credential = known.get(named.id);
      const message = !credential
        ? 'the credential chosen here no longer exists; choose another'
        : named.kinds.includes(credential.kind)
          ? null
          : `credential '${credential.name}' is a ${credential.kind}; this needs ${named.kinds.join(' or ')}`;
      if (message)
        errors.push({
          nodeId: node.id,
          path: `config.${named.path}`,
          message: sentence(names.get(node.id) ?? node.id, [], message),
          field: message,
        });
    }
  }
}
