import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { create } from 'zustand';
import type { GraphDocument, NodeDescription, NodeType, Problem } from '@leadflow/server/contract';
import {
  type LeadflowEdge,
  type LeadflowNode,
  type NodeMark,
  toDocument,
  toFlow,
  toFlowEdge,
  toFlowNode,
} from '../graph/flow-model';
import { type Direction, inferDirection } from '../graph/layout-direction';

interface Snapshot {
  nodes: LeadflowNode[];
  edges: LeadflowEdge[];
}

export type SaveState = 'saved' | 'unsaved' | 'saving' | 'error';

export interface EditorState {
  name: string;
  nodes: LeadflowNode[];
  edges: LeadflowEdge[];
  nodeTypes: NodeType[];
  problems: Problem[];
  readOnly: boolean;
  /** Bumped by every change the user makes; autosave saves when it moves. */
  revision: number;
  saveState: SaveState;
  saveError: string | null;
  past: Snapshot[];
  future: Snapshot[];
  /** A test run's path painted over the canvas. */
  overlay: { nodes: Record<string, { mark: NodeMark; visits?: number }>; edges: Set<string> } | null;
  /** Which way the graph reads (from its positions at load; auto-layout sets it). */
  direction: Direction;
  /** The draft's content hash as last compiled (null while it has problems) and the live version's. */
  draftHash: string | null;
  liveHash: string | null;

  load(document: GraphDocument, nodeTypes: NodeType[], readOnly: boolean): void;
  onNodesChange(changes: NodeChange<LeadflowNode>[]): void;
  onEdgesChange(changes: EdgeChange<LeadflowEdge>[]): void;
  /**
   * Records the current graph for undo, then applies `change`. Changes with the same
   * `coalesce` key in quick succession (typing in one field) make one undo step.
   */
  commit(change: (state: Snapshot) => Snapshot, coalesce?: string): void;
  /** Marks a finished drag as one undoable step. */
  checkpoint(before: Snapshot): void;
  undo(): void;
  redo(): void;
  applyServerView(problems: Problem[], descriptions: Record<string, NodeDescription>): void;
  setSaveState(state: SaveState, error?: string | null): void;
  setOverlay(overlay: EditorState['overlay']): void;
  setHashes(hashes: { draftHash?: string | null; liveHash?: string | null }): void;
  setDirection(direction: Direction): void;
  document(): GraphDocument;
}

const HISTORY_LIMIT = 100;
const COALESCE_MS = 1_500;
let lastCommit: { key: string | undefined; at: number } = { key: undefined, at: 0 };

/** Changes React Flow reports that are not edits (selection, measuring) must not make the draft dirty. */
const isEdit = (change: { type: string }): boolean =>
  change.type === 'remove' || change.type === 'add' || change.type === 'replace';

/**
 * The editor's one store. Node components read only their own props, and the canvas subscribes
 * to `nodes`/`edges` alone, so a change to one node re-renders that node, not the canvas' 300.
 */
export const useEditor = create<EditorState>((set, get) => ({
  name: '',
  nodes: [],
  edges: [],
  nodeTypes: [],
  problems: [],
  readOnly: false,
  revision: 0,
  saveState: 'saved',
  saveError: null,
  past: [],
  future: [],
  overlay: null,
  direction: 'TB',
  draftHash: null,
  liveHash: null,

  load(document, nodeTypes, readOnly) {
    const { nodes, edges } = toFlow(document, nodeTypes);
    const direction = inferDirection(document.nodes, document.edges);
    const fresh = {
      problems: [],
      revision: 0,
      saveState: 'saved' as const,
      saveError: null,
      past: [],
      future: [],
      overlay: null,
      draftHash: null,
      liveHash: null,
    };
    set({ name: document.name, nodes, edges, nodeTypes, readOnly, direction, ...fresh });
  },

  onNodesChange(changes) {
    const { readOnly } = get();
    const allowed = readOnly
      ? changes.filter((change) => change.type === 'select' || change.type === 'dimensions')
      : changes;
    if (allowed.some(isEdit)) recordEdit(get, set);
    set({ nodes: applyNodeChanges(allowed, get().nodes) });
  },

  onEdgesChange(changes) {
    const { readOnly } = get();
    const allowed = readOnly ? changes.filter((change) => change.type === 'select') : changes;
    if (allowed.some(isEdit)) recordEdit(get, set);
    set({ edges: applyEdgeChanges(allowed, get().edges) });
  },

  commit(change, coalesce) {
    if (get().readOnly) return;
    const { nodes, edges } = get();
    const next = change({ nodes, edges });
    const now = Date.now();
    const joins = coalesce !== undefined && lastCommit.key === coalesce && now - lastCommit.at < COALESCE_MS;
    lastCommit = { key: coalesce, at: now };
    set((state) => ({
      ...next,
      past: joins ? state.past : [...state.past, { nodes, edges }].slice(-HISTORY_LIMIT),
      future: [],
      revision: state.revision + 1,
    }));
  },

  checkpoint(before) {
    set((state) => ({ past: [...state.past, before].slice(-HISTORY_LIMIT), future: [], revision: state.revision + 1 }));
  },

  undo() {
    const { past, nodes, edges } = get();
    const previous = past.at(-1);
    if (!previous) return;
    set((state) => ({
      ...previous,
      past: past.slice(0, -1),
      future: [{ nodes, edges }, ...state.future],
      revision: state.revision + 1,
    }));
  },

  redo() {
    const { future, nodes, edges } = get();
    const next = future[0];
    if (!next) return;
    set((state) => ({
      ...next,
      future: future.slice(1),
      past: [...state.past, { nodes, edges }],
      revision: state.revision + 1,
    }));
  },

  applyServerView(problems, descriptions) {
    const byNode = new Map<string, string[]>();
    for (const problem of problems) {
      if (problem.nodeId) byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem.message]);
    }
    const badEdges = new Set(problems.flatMap((problem) => (problem.edgeId ? [problem.edgeId] : [])));
    set((state) => ({
      problems,
      nodes: state.nodes.map((node) => {
        const description = descriptions[node.id];
        const nodeProblems = byNode.get(node.id) ?? [];
        const ports = description?.ports ?? node.data.ports;
        const summary = description ? description.summary : node.data.summary;
        if (sameList(nodeProblems, node.data.problems) && ports === node.data.ports && summary === node.data.summary)
          return node;
        return {
          ...node,
          data: {
            ...node.data,
            problems: nodeProblems,
            ports: samePorts(ports, node.data.ports) ? node.data.ports : ports,
            summary,
          },
        };
      }),
      edges: state.edges.map((edge) => {
        const className = badEdges.has(edge.id) ? 'edge-problem' : undefined;
        return edge.className === className ? edge : { ...edge, className };
      }),
    }));
  },

  setSaveState(saveState, error = null) {
    set({ saveState, saveError: error });
  },

  setOverlay(overlay) {
    set({ overlay });
  },

  setHashes(hashes) {
    set(hashes);
  },

  setDirection(direction) {
    set({ direction });
  },

  document() {
    const { name, nodes, edges } = get();
    return toDocument(name, nodes, edges);
  },
}));

/**
 * Deleting a node makes React Flow report the node and its edges as separate changes in the same
 * tick; they are one edit, so one undo step.
 */
let editInThisTick = false;
function recordEdit(
  get: () => EditorState,
  set: (partial: (state: EditorState) => Partial<EditorState>) => void,
): void {
  if (editInThisTick) return;
  editInThisTick = true;
  queueMicrotask(() => {
    editInThisTick = false;
  });
  const { nodes, edges } = get();
  set((state) => ({
    past: [...state.past, { nodes, edges }].slice(-HISTORY_LIMIT),
    future: [],
    revision: state.revision + 1,
  }));
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, index) => item === b[index]);
const samePorts = (
  a: readonly { name: string; label?: string }[],
  b: readonly { name: string; label?: string }[],
): boolean =>
  a.length === b.length && a.every((port, index) => port.name === b[index]?.name && port.label === b[index]?.label);

export { toFlowEdge, toFlowNode };
