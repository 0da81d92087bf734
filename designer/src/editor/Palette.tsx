import { type DragEvent, useMemo, useState } from 'react';
import type { NodeType } from '@leadflow/server/contract';

export const DRAG_MIME = 'application/x-leadflow-node';

const CATEGORY_ORDER = ['entry', 'data', 'qualification', 'logic', 'routing', 'timing', 'engagement', 'outcome'];

/**
 * The node types the server offers (latest versions), grouped by category and searchable. Drag
 * one onto the canvas, or focus it and press Enter to add it at the canvas centre.
 */
export function Palette(props: { nodeTypes: readonly NodeType[]; onAdd(nodeType: NodeType): void; disabled: boolean }) {
  const [query, setQuery] = useState('');
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const matches = props.nodeTypes.filter(
      (nodeType) =>
        nodeType.latest &&
        !nodeType.entry &&
        (!q ||
          `${nodeType.title} ${nodeType.type} ${nodeType.description} ${nodeType.category}`.toLowerCase().includes(q)),
    );
    const byCategory = new Map<string, NodeType[]>();
    for (const nodeType of matches)
      byCategory.set(nodeType.category, [...(byCategory.get(nodeType.category) ?? []), nodeType]);
    return [...byCategory.entries()].sort(([a], [b]) => CATEGORY_ORDER.indexOf(a) - CATEGORY_ORDER.indexOf(b));
  }, [props.nodeTypes, query]);

  const onDragStart = (event: DragEvent, nodeType: NodeType) => {
    event.dataTransfer.setData(DRAG_MIME, JSON.stringify({ type: nodeType.type, version: nodeType.version }));
    event.dataTransfer.effectAllowed = 'move';
  };

  return (
    <aside className="palette" aria-label="Node palette">
      <label htmlFor="palette-search" className="visually-hidden">
        Search node types
      </label>
      <input
        id="palette-search"
        type="search"
        placeholder="Search nodes…"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      {groups.map(([category, nodeTypes]) => (
        <section key={category} aria-labelledby={`palette-${category}`}>
          <h3 id={`palette-${category}`} className="palette-category">
            {category}
          </h3>
          <ul>
            {nodeTypes.map((nodeType) => (
              <li key={nodeType.type}>
                <button
                  type="button"
                  className="palette-item"
                  draggable={!props.disabled}
                  disabled={props.disabled}
                  onDragStart={(event) => onDragStart(event, nodeType)}
                  onClick={() => props.onAdd(nodeType)}
                  title={nodeType.description}
                  data-testid={`palette-${nodeType.type}`}
                >
                  <span aria-hidden="true">{nodeType.icon}</span> {nodeType.title}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {groups.length === 0 && <p className="muted">No node type matches “{query}”.</p>}
    </aside>
  );
}
