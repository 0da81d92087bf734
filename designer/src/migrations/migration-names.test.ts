import { describe, expect, it } from 'vitest';
import type { GraphDocument, NodeType } from '@leadflow/server/contract';
import { migrationNames } from './migration-names';

const type = (name: string, waits: boolean) =>
  ({ type: name, version: 1, title: name === 'wait' ? 'Wait' : 'End', waits, ports: [] }) as unknown as NodeType;
const doc = (nodes: Array<{ id: string; type: string; label?: string }>): GraphDocument => ({
  name: 'x',
  nodes: nodes.map((node) => ({ ...node, typeVersion: 1, position: { x: 0, y: 0 }, config: {} })),
  edges: [],
});

describe('migrationNames', () => {
  const nodeTypes = [type('wait', true), type('end', false)];
  const names = migrationNames(
    doc([{ id: 'hold', type: 'wait', label: 'Hold for contact' }]),
    doc([
      { id: 'reply', type: 'wait', label: 'Await the reply' },
      { id: 'done', type: 'end' },
    ]),
    nodeTypes,
  );

  it('names nodes of each version by label, and offers only the new version’s waits', () => {
    expect(names.oldNode('hold')).toBe('Hold for contact');
    expect(names.oldNode('(running)')).toBe('between nodes');
    expect(names.newNode('done')).toBe('End');
    expect(names.either('hold')).toBe('Hold for contact');
    expect(names.either('ghost')).toBeNull();
    expect(names.waits).toEqual([{ id: 'reply', label: 'Await the reply' }]);
  });

  it('falls back to ids while the documents load', () => {
    const loading = migrationNames(undefined, undefined, nodeTypes);
    expect(loading.oldNode('hold')).toBe('hold');
    expect(loading.waits).toEqual([]);
  });
});
