import { type Connection, type IsValidConnection, ReactFlow, useNodesInitialized, useReactFlow } from '@xyflow/react';
import { type DragEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { NodeType } from '@leadflow/server/contract';
import type { LeadflowEdge, LeadflowNode } from '../graph/flow-model';
import { AddFromPortContext, DirectionContext } from '../graph/layout-direction';
import { nodeTypes as nodeComponents } from '../graph/LeadflowNodeCard';
import { CanvasChrome } from '../graph/CanvasChrome';
import { centreNode, minimapColour, openReadable } from '../graph/readable-view';
import { AddNodeMenu } from './AddNodeMenu';
import { addNodeAfter, addNodeAt } from './canvas-edits';
import { connectionProblem, type RuleNode } from './connection-rules';
import { connect, reroute } from './edge-edits';
import { useEditor } from './editor-store';
import { DRAG_MIME } from './Palette';

const nodeName = (node: LeadflowNode): string => node.data.graphNode.label || node.data.nodeType?.title || node.id;

/**
 * The editable canvas: drop from the palette, connect with live validation (connecting a used
 * port re-routes it), drag an edge's end to re-route it, "+" on a free port to add the next
 * step, drag, select, delete. Opens readable (see openReadable) and centres a clicked node.
 */
export function Canvas(props: {
  /** The selection changed (one node, or none). */
  onSelect(nodeId: string | null): void;
  /** The user chose a node (clicked it, or added it): show its form. */
  onOpen(nodeId: string): void;
}) {
  const nodes = useEditor((state) => state.nodes);
  const edges = useEditor((state) => state.edges);
  const readOnly = useEditor((state) => state.readOnly);
  const overlay = useEditor((state) => state.overlay);
  const direction = useEditor((state) => state.direction);
  const revision = useEditor((state) => state.revision);
  const onNodesChange = useEditor((state) => state.onNodesChange);
  const onEdgesChange = useEditor((state) => state.onEdgesChange);
  const flow = useReactFlow<LeadflowNode, LeadflowEdge>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ nodeId: string; port: string; from: string; at: { x: number; y: number } } | null>(
    null,
  );
  const lastRefusal = useRef<string | null>(null);
  const dragStart = useRef<{ nodes: LeadflowNode[]; edges: LeadflowEdge[] } | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const opened = useRef(false);
  const initialized = useNodesInitialized();

  // A refusal is about the last drag; the next change makes it stale.
  useEffect(() => setRefusal(null), [revision]);

  useEffect(() => {
    if (!initialized || opened.current || !container.current) return;
    opened.current = true;
    const entry = useEditor.getState().nodes.find((node) => node.data.nodeType?.entry)?.id ?? null;
    openReadable(flow, container.current.getBoundingClientRect(), useEditor.getState().direction, entry);
  }, [initialized, flow]);

  const ruleNodes = useCallback(
    (): Map<string, RuleNode> =>
      new Map(
        useEditor
          .getState()
          .nodes.map((node) => [
            node.id,
            { id: node.id, name: nodeName(node), nodeType: node.data.nodeType, ports: node.data.ports },
          ]),
      ),
    [],
  );

  const check = useCallback(
    (connection: Connection | LeadflowEdge, without?: string) => {
      const others = useEditor.getState().edges.filter((edge) => edge.id !== without);
      const problem = connectionProblem(
        { source: connection.source, sourceHandle: connection.sourceHandle ?? null, target: connection.target },
        ruleNodes(),
        others,
      );
      lastRefusal.current = problem;
      return problem === null;
    },
    [ruleNodes],
  );
  const reconnecting = useRef<string | null>(null);
  const isValidConnection: IsValidConnection<LeadflowEdge> = useCallback(
    (connection) => check(connection, reconnecting.current ?? undefined),
    [check],
  );

  const onConnect = useCallback((connection: Connection) => {
    lastRefusal.current = null;
    setRefusal(null);
    if (!connection.sourceHandle) return;
    const wanted = { source: connection.source, sourceHandle: connection.sourceHandle, target: connection.target };
    useEditor
      .getState()
      .commit(({ nodes: current, edges: currentEdges }) => ({ nodes: current, edges: connect(currentEdges, wanted) }));
  }, []);

  const onReconnect = useCallback((old: LeadflowEdge, connection: Connection) => {
    lastRefusal.current = null;
    if (!connection.sourceHandle) return;
    const wanted = { source: connection.source, sourceHandle: connection.sourceHandle, target: connection.target };
    useEditor.getState().commit(({ nodes: current, edges: currentEdges }) => ({
      nodes: current,
      edges: reroute(currentEdges, old, wanted),
    }));
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
      const nodeType = useEditor
        .getState()
        .nodeTypes.find((candidate) => candidate.type === type && candidate.version === version);
      if (!nodeType) return;
      // The card's head sits under the pointer, where it was dropped.
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      props.onOpen(addNodeAt(nodeType, { x: at.x - 40, y: at.y - 16 }));
    },
    [readOnly, flow, props],
  );

  const addFrom = useCallback((nodeId: string, port: string) => {
    const source = useEditor.getState().nodes.find((node) => node.id === nodeId);
    const button = container.current
      ?.querySelector(`[data-id="${CSS.escape(nodeId)}"] [data-port="${CSS.escape(port)}"] .lf-add`)
      ?.getBoundingClientRect();
    const frame = container.current?.getBoundingClientRect();
    if (!source || !button || !frame) return;
    const portLabel = source.data.ports.find((candidate) => candidate.name === port)?.label ?? port;
    setMenu({
      nodeId,
      port,
      from: `${nodeName(source)}: ${portLabel}`,
      at: {
        x: Math.min(button.left - frame.left, frame.width - 260),
        y: Math.min(button.bottom - frame.top + 4, frame.height - 320),
      },
    });
  }, []);

  const pick = (nodeType: NodeType) => {
    if (!menu) return;
    const id = addNodeAfter(nodeType, menu.nodeId, menu.port);
    setMenu(null);
    props.onOpen(id);
  };

  // Shown over the canvas while a test run's path is on: marks are merged here, not stored on nodes.
  const shownNodes = useMemo(() => {
    if (!overlay) return nodes;
    return nodes.map((node) => {
      const mark = overlay.nodes[node.id];
      return mark ? { ...node, data: { ...node.data, mark: mark.mark, visits: mark.visits } } : node;
    });
  }, [nodes, overlay]);
  const shownEdges = useMemo(
    () =>
      overlay
        ? edges.map((edge) =>
            overlay.edges.has(edge.id) ? { ...edge, className: 'edge-taken', animated: true } : edge,
          )
        : edges,
    [edges, overlay],
  );
  const nodeColour = useMemo(() => minimapColour(overlay !== null), [overlay]);

  return (
    <div
      ref={container}
      className="canvas"
      onDragOver={(event) => event.preventDefault()}
      onDrop={onDrop}
      role="region"
      aria-label="Workflow canvas"
    >
      <DirectionContext.Provider value={direction}>
        <AddFromPortContext.Provider value={readOnly ? null : addFrom}>
          <ReactFlow<LeadflowNode, LeadflowEdge>
            nodes={shownNodes}
            edges={shownEdges}
            nodeTypes={nodeComponents}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onConnectStart={() => setRefusal(null)}
            onConnectEnd={onConnectEnd}
            onReconnect={onReconnect}
            onReconnectStart={(_event, edge) => {
              reconnecting.current = edge.id;
              setRefusal(null);
            }}
            onReconnectEnd={() => {
              reconnecting.current = null;
              onConnectEnd();
            }}
            edgesReconnectable={!readOnly}
            reconnectRadius={16}
            isValidConnection={isValidConnection}
            onSelectionChange={({ nodes: selected }) => {
              if (selected.length === 1) props.onSelect(selected[0]?.id ?? null);
              else if (selected.length === 0) props.onSelect(null);
            }}
            onNodeClick={(_event, node) => {
              setRefusal(null);
              props.onOpen(node.id);
              centreNode(flow, node.id);
            }}
            onPaneClick={() => setRefusal(null)}
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
            minZoom={0.1}
            maxZoom={2}
            onlyRenderVisibleElements
            proOptions={{ hideAttribution: true }}
          >
            <CanvasChrome nodeColour={nodeColour} />
          </ReactFlow>
        </AddFromPortContext.Provider>
      </DirectionContext.Provider>
      {menu && (
        <AddNodeMenu
          at={menu.at}
          from={menu.from}
          nodeTypes={useEditor.getState().nodeTypes}
          onPick={pick}
          onClose={() => setMenu(null)}
        />
      )}
      <p className="canvas-status" role="status" aria-live="polite">
        {refusal}
      </p>
    </div>
  );
}

export { addNodeAt };
