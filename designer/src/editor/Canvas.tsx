import { Background, type Connection, Controls, type IsValidConnection, MiniMap, ReactFlow, useReactFlow } from '@xyflow/react';
import { type DragEvent, useCallback, useMemo, useRef, useState } from 'react';
import type { NodeType } from '../api/types';
import type { LeadflowEdge, LeadflowNode } from '../graph/flow-model';
import { nodeTypes as nodeComponents } from '../graph/LeadflowNodeCard';
import { freshId } from './clipboard';
import { connectionProblem, type RuleNode } from './connection-rules';
import { useEditor } from './editor-store';
import { DRAG_MIME } from './Palette';
import { newNode } from './new-node';

/** The editable canvas: drop from the palette, connect with live validation, drag, select, delete. */
export function Canvas(props: { onSelect(nodeId: string | null): void }) {
  const nodes = useEditor((state) => state.nodes);
  const edges = useEditor((state) => state.edges);
  const readOnly = useEditor((state) => state.readOnly);
  const overlay = useEditor((state) => state.overlay);
  const onNodesChange = useEditor((state) => state.onNodesChange);
  const onEdgesChange = useEditor((state) => state.onEdgesChange);
  const { screenToFlowPosition } = useReactFlow();
  const [refusal, setRefusal] = useState<string | null>(null);
  const lastRefusal = useRef<string | null>(null);
  const dragStart = useRef<{ nodes: LeadflowNode[]; edges: LeadflowEdge[] } | null>(null);

  const ruleNodes = useCallback((): Map<string, RuleNode> => new Map(useEditor.getState().nodes.map((node) => [node.id, { id: node.id, nodeType: node.data.nodeType, ports: node.data.ports }])), []);

  const isValidConnection: IsValidConnection<LeadflowEdge> = useCallback(
    (connection) => {
      const problem = connectionProblem({ source: connection.source, sourceHandle: connection.sourceHandle ?? null, target: connection.target }, ruleNodes(), useEditor.getState().edges);
      lastRefusal.current = problem;
      return problem === null;
    },
    [ruleNodes],
  );

  const onConnect = useCallback((connection: Connection) => {
    lastRefusal.current = null;
    setRefusal(null);
    useEditor.getState().commit(({ nodes: current, edges: currentEdges }) => {
      const id = freshId(`e-${connection.source}-${connection.sourceHandle ?? 'out'}`, new Set(currentEdges.map((edge) => edge.id)));
      const edge: LeadflowEdge = { id, source: connection.source, sourceHandle: connection.sourceHandle, target: connection.target, label: connection.sourceHandle ?? undefined };
      return { nodes: current, edges: [...currentEdges, edge] };
    });
  }, []);

  const onConnectEnd = useCallback(() => {
    if (lastRefusal.current) setRefusal(`Cannot connect: ${lastRefusal.current}.`);
    lastRefusal.current = null;
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      event.preventDefault();
      const raw = event.dataTransfer.getData(DRAG_MIME);
      if (!raw || readOnly) return;
      const { type, version } = JSON.parse(raw) as { type: string; version: number };
      const nodeType = useEditor.getState().nodeTypes.find((candidate) => candidate.type === type && candidate.version === version);
      if (!nodeType) return;
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addNode(nodeType, position);
      props.onSelect(null);
    },
    [readOnly, screenToFlowPosition, props],
  );

  // Shown over the canvas while a test run's path is on: marks are merged here, not stored on nodes.
  const shownNodes = useMemo(() => {
    if (!overlay) return nodes;
    return nodes.map((node) => {
      const mark = overlay.nodes[node.id];
      return mark ? { ...node, data: { ...node.data, mark: mark.mark, visits: mark.visits } } : node;
    });
  }, [nodes, overlay]);
  const shownEdges = useMemo(() => (overlay ? edges.map((edge) => (overlay.edges.has(edge.id) ? { ...edge, className: 'edge-taken', animated: true } : edge)) : edges), [edges, overlay]);

  return (
    <div className="canvas" onDragOver={(event) => event.preventDefault()} onDrop={onDrop} role="region" aria-label="Workflow canvas">
      <ReactFlow<LeadflowNode, LeadflowEdge>
        nodes={shownNodes}
        edges={shownEdges}
        nodeTypes={nodeComponents}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onSelectionChange={({ nodes: selected }) => props.onSelect(selected.length === 1 ? (selected[0]?.id ?? null) : null)}
        onNodeDragStart={() => {
          const state = useEditor.getState();
          dragStart.current = { nodes: state.nodes, edges: state.edges };
        }}
        onNodeDragStop={() => {
          if (dragStart.current) useEditor.getState().checkpoint(dragStart.current);
          dragStart.current = null;
        }}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        selectionOnDrag={false}
        fitView
        minZoom={0.1}
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <MiniMap pannable zoomable ariaLabel="Minimap" />
        <Controls showInteractive={false} />
      </ReactFlow>
      <p className="canvas-status" role="status" aria-live="polite">
        {refusal}
      </p>
    </div>
  );
}

/** Adds a node of `nodeType` at `position` as one undoable step, with a fresh id and its default config. */
export function addNode(nodeType: NodeType, position: { x: number; y: number }): string {
  let id = '';
  useEditor.getState().commit(({ nodes, edges }) => {
    const node = newNode(nodeType, position, new Set(nodes.map((candidate) => candidate.id)));
    id = node.id;
    return { nodes: [...nodes.map((candidate) => (candidate.selected ? { ...candidate, selected: false } : candidate)), { ...node, selected: true }], edges };
  });
  return id;
}
