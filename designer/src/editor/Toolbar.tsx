import { useReactFlow } from '@xyflow/react';
import type { Direction } from '../graph/layout-direction';
import { autoLayout } from './auto-layout';
import { useEditor } from './editor-store';

export type SidePanel = 'node' | 'problems' | 'test' | 'versions';

const SAVE_TEXT = {
  saved: 'All changes saved',
  unsaved: 'Unsaved changes…',
  saving: 'Saving…',
  error: 'Not saved',
} as const;

/** Undo/redo, layout, view, save state, and the panels: problems, test run, versions; publish. */
export function Toolbar(props: {
  panel: SidePanel;
  onPanel(panel: SidePanel): void;
  panelOpen: boolean;
  onTogglePanel(): void;
  onPublish(): void;
  canPublish: boolean;
  publishHint: string | null;
}) {
  const readOnly = useEditor((state) => state.readOnly);
  const canUndo = useEditor((state) => state.past.length > 0);
  const canRedo = useEditor((state) => state.future.length > 0);
  const saveState = useEditor((state) => state.saveState);
  const saveError = useEditor((state) => state.saveError);
  const problemCount = useEditor((state) => state.problems.length);
  const direction = useEditor((state) => state.direction);
  const { fitView } = useReactFlow();

  const layout = (to: Direction) => {
    const store = useEditor.getState();
    const positions = autoLayout(
      store.nodes.map((node) => ({ id: node.id, ports: node.data.ports.length })),
      store.edges,
      to,
    );
    store.setDirection(to);
    store.commit(({ nodes, edges }) => ({
      nodes: nodes.map((node) => ({ ...node, position: positions.get(node.id) ?? node.position })),
      edges,
    }));
    window.requestAnimationFrame(() => void fitView({ duration: 300, minZoom: 0.5, maxZoom: 1 }));
  };

  const tab = (panel: SidePanel, label: string, extra?: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={props.panel === panel}
      className={props.panel === panel ? 'tab active' : 'tab'}
      onClick={() => props.onPanel(panel)}
    >
      {label}
      {extra}
    </button>
  );

  return (
    <div className="toolbar" role="toolbar" aria-label="Editor">
      {!readOnly && (
        <>
          <button
            type="button"
            onClick={() => useEditor.getState().undo()}
            disabled={!canUndo}
            aria-keyshortcuts="Control+Z"
            title="Undo (Ctrl+Z)"
          >
            ↶ Undo
          </button>
          <button
            type="button"
            onClick={() => useEditor.getState().redo()}
            disabled={!canRedo}
            aria-keyshortcuts="Control+Shift+Z"
            title="Redo (Ctrl+Shift+Z)"
          >
            ↷ Redo
          </button>
          <button type="button" onClick={() => layout(direction)} title="Lay the graph out again">
            Auto-layout
          </button>
          <label className="visually-hidden" htmlFor="layout-direction">
            Layout direction
          </label>
          <select
            id="layout-direction"
            value={direction}
            title="Layout direction"
            onChange={(event) => layout(event.target.value as Direction)}
          >
            <option value="TB">Top-down</option>
            <option value="LR">Left to right</option>
          </select>
        </>
      )}
      <button type="button" onClick={() => void fitView({ duration: 300, maxZoom: 1 })} title="Fit view (Ctrl+0)">
        Fit view
      </button>
      {!readOnly && (
        <span
          className={`save-state ${saveState}`}
          role="status"
          aria-live="polite"
          title={saveError ?? undefined}
          data-testid="save-state"
        >
          {saveState === 'saving' && <span className="spinner" aria-hidden="true" />} {SAVE_TEXT[saveState]}
          {saveState === 'error' && (
            <>
              {`: ${saveError ?? ''} `}
              <button type="button" onClick={() => useEditor.setState((state) => ({ revision: state.revision + 1 }))}>
                Retry
              </button>
            </>
          )}
        </span>
      )}
      <span className="spacer" />
      <div role="tablist" aria-label="Side panel" className="tabs">
        {tab('node', 'Node')}
        {tab('problems', 'Problems', problemCount ? ` (${problemCount})` : '')}
        {!readOnly && tab('test', 'Test run')}
        {tab('versions', 'Versions')}
      </div>
      <button
        type="button"
        onClick={props.onTogglePanel}
        aria-expanded={props.panelOpen}
        aria-controls="side-panel"
        title={props.panelOpen ? 'Hide the side panel' : 'Show the side panel'}
      >
        {props.panelOpen ? 'Hide panel ⟩' : '⟨ Show panel'}
      </button>
      {!readOnly && (
        <button
          type="button"
          className="primary"
          onClick={props.onPublish}
          disabled={!props.canPublish}
          title={props.publishHint ?? undefined}
          data-testid="publish"
        >
          Publish
        </button>
      )}
    </div>
  );
}
