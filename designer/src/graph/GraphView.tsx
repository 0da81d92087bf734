import {
  applyNodeChanges,
  type NodeChange,
  ReactFlow,
  ReactFlowProvider,
  useNodesInitialized,
  useReactFlow,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GraphDocument, NodeDescription, NodeType } from '@leadflow/server/contract';
import { type LeadflowNode, type NodeMark, toFlow } from './flow-model';
import { DirectionContext, inferDirection } from './layout-direction';
import { nodeTypes as nodeComponents } from './LeadflowNodeCard';
import { CanvasChrome } from './CanvasChrome';
import { centreNode, minimapColour, openReadable } from './readable-view';
import './graph.css';

export interface GraphViewProps {
  document: GraphDocument;
  nodeTypes: readonly NodeType[];
  /** The server's ports and summaries per node (see describeGraph); without them dynamic ports are missing. */
  descriptions?: Record<string, NodeDescription>;
  nodeMarks?: Record<string, { mark: NodeMark; visits?: number }>;
  edgeMarks?: Record<string, 'taken' | 'added' | 'removed'>;
  onNodeClick?(nodeId: string): void;
  /** A node to bring to the middle of the view (chosen elsewhere, e.g. in the step list). */
  focusNodeId?: string | null;
  /** Labelled for screen readers: what this canvas shows. */
  label: string;
}

/** A read-only canvas: a lead's path, a published version, a version compare. Opens readable, centres what is chosen. */
export function GraphView(props: GraphViewProps) {
  return (
    <ReactFlowProvider>
      <GraphCanvas {...props} />
    </ReactFlowProvider>
  );
}

function GraphCanvas(props: GraphViewProps) {
  const { document, nodeTypes, descriptions, nodeMarks, edgeMarks, focusNodeId } = props;
  const flow = useReactFlow<LeadflowNode>();
  const container = useRef<HTMLDivElement>(null);
  const opened = useRef(false);
  const initialized = useNodesInitialized();
  const direction = useMemo(() => inferDirection(document.nodes, document.edges), [document]);
  const { nodes, edges } = useMemo(() => {
    const flowGraph = toFlow(document, nodeTypes, descriptions);
    const marked: LeadflowNode[] = flowGraph.nodes.map((node) => {
      const mark = nodeMarks?.[node.id];
      return mark ? { ...node, data: { ...node.data, mark: mark.mark, visits: mark.visits } } : node;
    });
    const markedEdges = flowGraph.edges.map((edge) => {
      const mark = edgeMarks?.[edge.id];
      return mark ? { ...edge, className: `edge-${mark}`, animated: mark === 'taken', zIndex: 1 } : edge;
    });
    return { nodes: marked, edges: markedEdges };
  }, [document, nodeTypes, descriptions, nodeMarks, edgeMarks]);
  // Held here so React Flow can store each node's measured size (needed to open readable and to centre).
  const [shown, setShown] = useState(nodes);
  useEffect(
    () =>
      setShown((previous) => {
        const measured = new Map(previous.map((node) => [node.id, node.measured]));
        return nodes.map((node) => (measured.get(node.id) ? { ...node, measured: measured.get(node.id) } : node));
      }),
    [nodes],
  );
  const onNodesChange = useCallback(
    (changes: NodeChange<LeadflowNode>[]) => setShown((current) => applyNodeChanges(changes, current)),
    [],
  );
  const hasPath = Boolean(nodeMarks && Object.keys(nodeMarks).length > 0);
  const nodeColour = useMemo(() => minimapColour(hasPath), [hasPath]);

  useEffect(() => {
    if (!initialized || opened.current || !container.current) return;
    opened.current = true;
    const entry = shown.find((node) => node.data.nodeType?.entry)?.id ?? null;
    openReadable(flow, container.current.getBoundingClientRect(), direction, entry);
  }, [initialized, flow, shown, direction]);

  const centre = (nodeId: string) => centreNode(flow, nodeId);
  useEffect(() => {
    if (focusNodeId && initialized) centre(focusNodeId);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusNodeId, initialized]);

  return (
    <div ref={container} className="graph-view" role="region" aria-label={props.label}>
      <DirectionContext.Provider value={direction}>
        <ReactFlow
          nodes={shown}
          edges={edges}
          onNodesChange={onNodesChange}
          nodeTypes={nodeComponents}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={Boolean(props.onNodeClick)}
          onNodeClick={(_event, node) => {
            centre(node.id);
            props.onNodeClick?.(node.id);
          }}
          minZoom={0.1}
          maxZoom={2}
          proOptions={{ hideAttribution: true }}
        >
          <CanvasChrome nodeColour={nodeColour} />
        </ReactFlow>
      </DirectionContext.Provider>
    </div>
  );
}
