import { useEffect, useMemo, useRef, useState } from 'react';
import type { NodeType } from '@leadflow/server/contract';

/**
 * The palette as a small menu at a port's "+": search, pick a node type, and it is added
 * already wired to that port. Escape or a click elsewhere closes it.
 */
export function AddNodeMenu(props: {
  at: { x: number; y: number };
  from: string;
  nodeTypes: readonly NodeType[];
  onPick(nodeType: NodeType): void;
  onClose(): void;
}) {
  const [query, setQuery] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return props.nodeTypes.filter(
      (nodeType) =>
        nodeType.latest &&
        !nodeType.entry &&
        (!q || `${nodeType.title} ${nodeType.category} ${nodeType.description}`.toLowerCase().includes(q)),
    );
  }, [props.nodeTypes, query]);

  useEffect(() => {
    const close = (event: PointerEvent) => {
      if (box.current && !box.current.contains(event.target as Node)) props.onClose();
    };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [props]);

  return (
    <div
      ref={box}
      className="add-node-menu"
      role="dialog"
      aria-label={`Add a step after ${props.from}`}
      style={{ left: props.at.x, top: props.at.y }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') props.onClose();
        if (event.key === 'Enter' && matches[0]) props.onPick(matches[0]);
      }}
    >
      <label htmlFor="add-node-search" className="visually-hidden">
        Search node types
      </label>
      <input
        id="add-node-search"
        type="search"
        placeholder={`Next step after ${props.from}…`}
        value={query}
        autoFocus
        onChange={(event) => setQuery(event.target.value)}
      />
      <ul>
        {matches.map((nodeType) => (
          <li key={nodeType.type}>
            <button
              type="button"
              className="palette-item"
              onClick={() => props.onPick(nodeType)}
              title={nodeType.description}
              data-testid={`add-${nodeType.type}`}
            >
              <span aria-hidden="true">{nodeType.icon}</span> {nodeType.title}
            </button>
          </li>
        ))}
        {matches.length === 0 && <li className="muted">No node type matches “{query}”.</li>}
      </ul>
    </div>
  );
}
