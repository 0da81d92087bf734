import type { GraphDocument, NodeDescription, NodeType } from '@leadflow/server/contract';
import type { LeadflowNode } from './flow-model';

/** Names for a graph's nodes and ports as people read them: labels, type titles, port labels. */
export interface NodeNames {
  /** A node's label, else its type's title (the id only for a node the graph no longer has). */
  node(nodeId: string | undefined | null): string;
  /** A port's label ("Nobody available"), else its name. */
  port(nodeId: string, port: string): string;
}

function namesFrom(
  entries: Array<{
    id: string;
    label?: string;
    title?: string;
    ports: ReadonlyArray<{ name: string; label?: string }>;
  }>,
): NodeNames {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return {
    node: (nodeId) => {
      if (!nodeId) return '';
      const entry = byId.get(nodeId);
      return entry?.label?.trim() || entry?.title || nodeId;
    },
    port: (nodeId, port) => byId.get(nodeId)?.ports.find((candidate) => candidate.name === port)?.label ?? port,
  };
}

/** From the editor's canvas nodes. */
export function nodeNames(nodes: readonly LeadflowNode[]): NodeNames {
  return namesFrom(
    nodes.map((node) => ({
      id: node.id,
      label: node.data.graphNode.label,
      title: node.data.nodeType?.title,
      ports: node.data.ports,
    })),
  );
}

/** From a stored version's document and what the server says of its nodes. */
export function documentNames(
  document: GraphDocument,
  nodeTypes: readonly NodeType[],
  descriptions: Record<string, NodeDescription> = {},
): NodeNames {
  return namesFrom(
    document.nodes.map((node) => {
      const nodeType = nodeTypes.find(
        (candidate) => candidate.type === node.type && candidate.version === node.typeVersion,
      );
      return {
        id: node.id,
        label: node.label,
        title: nodeType?.title,
        ports: descriptions[node.id]?.ports ?? nodeType?.ports ?? [],
      };
    }),
  );
}
