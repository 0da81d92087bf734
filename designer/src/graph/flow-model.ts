import type { Edge, Node } from '@xyflow/react';
import type {
  GraphDocument,
  GraphEdge,
  GraphNode,
  NodeDescription,
  NodeType,
  PortSpec,
} from '@leadflow/server/contract';

/** How a node is marked on a canvas: lead path, test run, version compare. */
export type NodeMark = 'visited' | 'current' | 'failed' | 'added' | 'removed' | 'changed';

export interface LeadflowNodeData extends Record<string, unknown> {
  graphNode: GraphNode;
  nodeType: NodeType | undefined;
  ports: PortSpec[];
  summary: string | null;
  problems: string[];
  mark?: NodeMark;
  /** How often the lead entered it (lead path), shown when more than once. */
  visits?: number;
}

export type LeadflowNode = Node<LeadflowNodeData, 'leadflow'>;
export type LeadflowEdge = Edge<{ mark?: NodeMark | 'taken' }>;

export const NODE_TYPE = 'leadflow';

export function findType(
  nodeTypes: readonly NodeType[],
  node: Pick<GraphNode, 'type' | 'typeVersion'>,
): NodeType | undefined {
  return nodeTypes.find((nodeType) => nodeType.type === node.type && nodeType.version === node.typeVersion);
}

/** A document's nodes and edges as React Flow's, with what the server said about each node. */
export function toFlow(
  document: GraphDocument,
  nodeTypes: readonly NodeType[],
  descriptions: Record<string, NodeDescription> = {},
): { nodes: LeadflowNode[]; edges: LeadflowEdge[] } {
  const nodes = document.nodes.map((graphNode) => toFlowNode(graphNode, nodeTypes, descriptions[graphNode.id]));
  const edges = document.edges.map(toFlowEdge);
  return { nodes, edges };
}

export function toFlowNode(
  graphNode: GraphNode,
  nodeTypes: readonly NodeType[],
  description?: NodeDescription,
): LeadflowNode {
  const nodeType = findType(nodeTypes, graphNode);
  return {
    id: graphNode.id,
    type: NODE_TYPE,
    position: graphNode.position,
    data: {
      graphNode,
      nodeType,
      ports: description?.ports ?? nodeType?.ports ?? [],
      summary: description?.summary ?? null,
      problems: [],
    },
    deletable: !nodeType?.entry,
    // Until a node is drawn its size is a guess: the minimap and off-screen culling use it.
    initialWidth: 240,
    initialHeight: 100,
  };
}

export function toFlowEdge(edge: GraphEdge): LeadflowEdge {
  // No label on the edge: the port it leaves by is labelled on the node.
  return { id: edge.id, source: edge.source, sourceHandle: edge.sourceHandle, target: edge.target };
}

/** Back to the document the server stores (positions from the canvas, rounded). */
export function toDocument(
  name: string,
  nodes: readonly LeadflowNode[],
  edges: readonly LeadflowEdge[],
): GraphDocument {
  return {
    name,
    nodes: nodes.map((node) => ({
      ...node.data.graphNode,
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
    })),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourceHandle: edge.sourceHandle ?? 'out',
      target: edge.target,
    })),
  };
}
