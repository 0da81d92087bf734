import { Background, Controls, MiniMap, ReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import type { GraphDocument, NodeDescription, NodeType } from '../api/types';
import { type LeadflowNode, type NodeMark, toFlow } from './flow-model';
import { nodeTypes as nodeComponents } from './LeadflowNodeCard';
import './graph.css';

export interface GraphViewProps {
  document: GraphDocument;
  nodeTypes: readonly NodeType[];
  /** The server's ports and summaries per node (see describeGraph); without them dynamic ports are missing. */
  descriptions?: Record<string, NodeDescription>;
  nodeMarks?: Record<string, { mark: NodeMark; visits?: number }>;
  edgeMarks?: Record<string, 'taken' | 'added' | 'removed'>;
  onNodeClick?(nodeId: string): void;
  /** Labelled for screen readers: what this canvas shows. */
  label: string;
}

/** A read-only canvas: a lead's path, a published version, a version compare. */
export function GraphView(props: GraphViewProps) {
  const { document, nodeTypes, descriptions, nodeMarks, edgeMarks } = props;
  const { nodes, edges } = useMemo(() => {
    const flow = toFlow(document, nodeTypes, descriptions);
    const marked: LeadflowNode[] = flow.nodes.map((node) => {
      const mark = nodeMarks?.[node.id];
      return mark ? { ...node, data: { ...node.data, mark: mark.mark, visits: mark.visits } } : node;
    });
    const markedEdges = flow.edges.map((edge) => {
      const mark = edgeMarks?.[edge.id];
      return mark ? { ...edge, className: `edge-${mark}`, animated: mark === 'taken', zIndex: 1 } : edge;
    });
    return { nodes: marked, edges: markedEdges };
  }, [document, nodeTypes, descriptions, nodeMarks, edgeMarks]);
  return (
    <div className="graph-view" role="region" aria-label={props.label}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeComponents}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={Boolean(props.onNodeClick)}
        onNodeClick={(_event, node) => props.onNodeClick?.(node.id)}
        fitView
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <MiniMap pannable zoomable />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
