import type { NodeType } from '@leadflow/server/contract';
import type { LeadflowEdge, LeadflowNode } from '../graph/flow-model';
import type { Direction } from '../graph/layout-direction';
import { nodeHeight, nodeWidth } from '../graph/node-size';
import { connect } from './edge-edits';
import { useEditor } from './editor-store';
import { newNode } from './new-node';
import { type Box, freeSpot } from './place-node';

/** Where every node is on the canvas, as measured (or as it will be drawn). */
function boxes(nodes: readonly LeadflowNode[], direction: Direction): Box[] {
  return nodes.map((node) => ({
    x: node.position.x,
    y: node.position.y,
    width: node.measured?.width ?? nodeWidth(node.data.ports.length, direction),
    height: node.measured?.height ?? nodeHeight(node.data.ports.length, direction),
  }));
}

/**
 * Adds a node of `nodeType` with its top-left near `at` (where it was dropped), moved only as
 * far as needed so it covers no other node; one undoable step. Returns its id.
 */
export function addNodeAt(nodeType: NodeType, at: { x: number; y: number }): string {
  let id = '';
  useEditor.getState().commit(({ nodes, edges }) => {
    const { direction } = useEditor.getState();
    const size = {
      width: nodeWidth(nodeType.ports.length, direction),
      height: nodeHeight(nodeType.ports.length, direction),
    };
    const position = freeSpot(at, size, boxes(nodes, direction));
    const node = newNode(nodeType, position, new Set(nodes.map((candidate) => candidate.id)));
    id = node.id;
    return {
      nodes: [
        ...nodes.map((candidate) => (candidate.selected ? { ...candidate, selected: false } : candidate)),
        { ...node, selected: true },
      ],
      edges,
    };
  });
  return id;
}

/**
 * Adds a node after `port` of `sourceId`, wired to it, placed below the port (top-down) or to
 * its right (left-to-right) without covering another node; one undoable step.
 */
export function addNodeAfter(nodeType: NodeType, sourceId: string, port: string): string {
  let id = '';
  useEditor.getState().commit(({ nodes, edges }) => {
    const { direction } = useEditor.getState();
    const source = nodes.find((node) => node.id === sourceId);
    if (!source) return { nodes, edges };
    const [box] = boxes([source], direction) as [Box];
    const index = Math.max(
      0,
      source.data.ports.findIndex((candidate) => candidate.name === port),
    );
    const size = {
      width: nodeWidth(nodeType.ports.length, direction),
      height: nodeHeight(nodeType.ports.length, direction),
    };
    const at =
      direction === 'TB'
        ? {
            x: box.x + ((index + 0.5) * box.width) / Math.max(1, source.data.ports.length) - size.width / 2,
            y: box.y + box.height + 90,
          }
        : { x: box.x + box.width + 110, y: box.y + index * 40 };
    const position = freeSpot(at, size, boxes(nodes, direction));
    const node = newNode(nodeType, position, new Set(nodes.map((candidate) => candidate.id)));
    id = node.id;
    const wired: LeadflowEdge[] = connect(edges, { source: sourceId, sourceHandle: port, target: node.id });
    return {
      nodes: [
        ...nodes.map((candidate) => (candidate.selected ? { ...candidate, selected: false } : candidate)),
        { ...node, selected: true },
      ],
      edges: wired,
    };
  });
  return id;
}
