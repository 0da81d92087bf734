import type { NodeRegistry } from '../definition/node-registry.js';
import { GraphDocumentSchema, type GraphDocument } from '../graph/graph-document.js';
import type { Plan, PlanNode } from '../graph/plan.js';
import { fieldErrors } from './ajv-errors.js';
import { checkEdges } from './check-edges.js';
import { checkCredentials, checkEventTypes } from './check-event-types.js';
import { checkNodes } from './check-nodes.js';
import { checkCycles, checkReachable } from './check-structure.js';
import type { CompileError } from './compile-error.js';
import { contentHash } from './content-hash.js';
import { nodeNames } from './node-names.js';
import { schemaValidator } from './schema-validator.js';

export type CompileResult = { ok: true; plan: Plan } | { ok: false; errors: CompileError[] };

export interface CompileOptions {
  /** The event catalog: when given, every event type a node waits for or reads must be in it. */
  eventTypes?: ReadonlySet<string>;
  /** The credential store (id → kind): when given, every credential a node names must be in it, of a kind the node takes. */
  credentials?: ReadonlyMap<string, { name: string; kind: string }>;
}

const validateDocument = schemaValidator(GraphDocumentSchema);

/**
 * Validates a graph document and compiles it into a frozen plan with a content hash, or
 * returns every problem found. Pure: same document and registry, same result.
 */
export function compileGraph(document: unknown, registry: NodeRegistry, options: CompileOptions = {}): CompileResult {
  if (!validateDocument(document)) {
    const errors = fieldErrors(validateDocument.errors).map((error) => withNodeOrEdge(document, error));
    return { ok: false, errors };
  }
  const graph = document as GraphDocument;
  const errors: CompileError[] = [];
  const names = nodeNames(graph, registry);
  const resolved = checkNodes(graph, registry, names, errors);
  if (options.eventTypes) checkEventTypes(graph, resolved, options.eventTypes, names, errors);
  if (options.credentials) checkCredentials(graph, resolved, options.credentials, names, errors);
  const { entry, wiring, reach } = checkEdges(graph, resolved, names, errors);
  if (entry)
    checkReachable(
      graph.nodes.map((node) => node.id),
      entry,
      reach,
      names,
      errors,
    );
  checkCycles(resolved, wiring, names, errors);
  if (errors.length > 0 || !entry) return { ok: false, errors };

  const nodes: Record<string, PlanNode> = {};
  for (const node of graph.nodes) {
    const definition = resolved.get(node.id);
    if (!definition) continue;
    nodes[node.id] = {
      id: node.id,
      type: node.type,
      typeVersion: node.typeVersion,
      kind: definition.kind,
      config: structuredClone(node.config),
      next: Object.fromEntries(wiring.get(node.id) ?? []),
    };
  }
  const body = { format: 1 as const, entry, nodes };
  return { ok: true, plan: deepFreeze({ ...body, hash: contentHash(body) }) };
}

/** Schema errors under `nodes[3]` or `edges[1]` are reported on that node or edge by id. */
function withNodeOrEdge(document: unknown, error: { path: string; message: string }): CompileError {
  const match = /^(nodes|edges)\[(\d+)\]\.?(.*)$/.exec(error.path);
  if (!match)
    return { path: error.path, message: `the workflow's ${words(error.path) || 'document'} ${error.message}` };
  const list = (document as Record<string, unknown>)[match[1] as string];
  const item = Array.isArray(list)
    ? (list[Number(match[2])] as { id?: unknown; label?: unknown } | undefined)
    : undefined;
  const field = words(match[3] ?? '');
  if (!item || typeof item.id !== 'string')
    return {
      path: error.path,
      message: `${match[1] === 'nodes' ? 'node' : 'connection'} ${Number(match[2]) + 1}: ${field || 'it'} ${error.message}`,
    };
  if (match[1] === 'edges')
    return {
      edgeId: item.id,
      path: match[3] ?? '',
      message: `the connection '${item.id}': ${field || 'it'} ${error.message}`,
    };
  const name = typeof item.label === 'string' && item.label.trim() ? item.label.trim() : `node '${item.id}'`;
  return { nodeId: item.id, path: match[3] ?? '', message: `${name}: ${field || 'it'} ${error.message}` };
}

/** `config.cases[0]` → "config cases 1": a document path in words, for the rare document that is not even a graph. */
function words(path: string): string {
  return path
    .replace(/\[(\d+)\]/g, (_all, index: string) => ` ${Number(index) + 1}`)
    .replace(/\./g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
