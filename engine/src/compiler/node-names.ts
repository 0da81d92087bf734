import type { NodeRegistry } from '../definition/node-registry.js';
import type { GraphDocument } from '../graph/graph-document.js';
import { nodeName } from '../problem-words/index.js';

/** Every node's name as problems say it (label, else type title and id), by node id. */
export function nodeNames(document: GraphDocument, registry: NodeRegistry): Map<string, string> {
  const names = new Map<string, string>();
  for (const node of document.nodes) {
    const title = registry.get(node.type, node.typeVersion)?.title ?? registry.latest(node.type)?.title;
    if (!names.has(node.id)) names.set(node.id, nodeName(node, title));
  }
  return names;
}
