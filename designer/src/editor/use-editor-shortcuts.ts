import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { type Clip, copySelection, pasteClip } from './clipboard';
import { useEditor } from './editor-store';
import { toFlowEdge, toFlowNode } from '../graph/flow-model';

const PASTE_OFFSET = { x: 40, y: 40 };

const typing = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Undo / redo, copy / paste of the selection, and select-all, while focus is not in a form field. */
export function useEditorShortcuts(): void {
  const clip = useRef<Clip | null>(null);
  const { fitView } = useReactFlow();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event.target) || !(event.ctrlKey || event.metaKey)) return;
      const store = useEditor.getState();
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) store.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') store.redo();
      else if (key === 'c') {
        const selected = new Set(store.nodes.filter((node) => node.selected).map((node) => node.id));
        if (selected.size === 0) return;
        const document = store.document();
        clip.current = copySelection(document.nodes, document.edges, selected, (node) =>
          store.nodeTypes.some((t) => t.type === node.type && t.entry),
        );
      } else if (key === 'v') {
        if (!clip.current || clip.current.nodes.length === 0 || store.readOnly) return;
        const pasted = pasteClip(
          clip.current,
          new Set(store.nodes.map((node) => node.id)),
          new Set(store.edges.map((edge) => edge.id)),
          PASTE_OFFSET,
        );
        // Pasting again steps further from the last copy, so copies do not pile up on one spot.
        clip.current = pasted;
        store.commit(({ nodes, edges }) => ({
          nodes: [
            ...nodes.map((node) => (node.selected ? { ...node, selected: false } : node)),
            ...pasted.nodes.map((node) => ({ ...toFlowNode(node, store.nodeTypes), selected: true })),
          ],
          edges: [...edges, ...pasted.edges.map(toFlowEdge)],
        }));
      } else if (key === 'a') {
        store.onNodesChange(store.nodes.map((node) => ({ type: 'select', id: node.id, selected: true })));
      } else if (key === '0') {
        void fitView({ duration: 200 });
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fitView]);
}
