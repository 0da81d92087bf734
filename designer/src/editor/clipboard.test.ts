import { describe, expect, it } from 'vitest';
import { copySelection, freshId, pasteClip } from './clipboard';

const node = (id: string, type = 'update') => ({
  id,
  type,
  typeVersion: 1,
  position: { x: 10, y: 20 },
  config: { n: id },
});

describe('clipboard', () => {
  it('makes ids that do not clash', () => {
    expect(freshId('assign', new Set())).toBe('assign');
    expect(freshId('assign', new Set(['assign', 'assign-2']))).toBe('assign-3');
    expect(freshId('assign-2', new Set(['assign', 'assign-2']))).toBe('assign-3');
  });

  it('copies selected nodes (never the entry) with only the edges between them', () => {
    const nodes = [node('capture', 'capture'), node('a'), node('b'), node('c')];
    const edges = [
      { id: 'e1', source: 'capture', sourceHandle: 'out', target: 'a' },
      { id: 'e2', source: 'a', sourceHandle: 'out', target: 'b' },
      { id: 'e3', source: 'b', sourceHandle: 'out', target: 'c' },
    ];
    const clip = copySelection(nodes, edges, new Set(['capture', 'a', 'b']), (n) => n.type === 'capture');
    expect(clip.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(clip.edges.map((e) => e.id)).toEqual(['e2']);
  });

  it('pastes with new ids, rewired edges and an offset, leaving the clip untouched', () => {
    const clip = {
      nodes: [node('a'), node('b')],
      edges: [{ id: 'e2', source: 'a', sourceHandle: 'out', target: 'b' }],
    };
    const pasted = pasteClip(clip, new Set(['a', 'b']), new Set(['e2']), { x: 40, y: 40 });
    expect(pasted.nodes.map((n) => n.id)).toEqual(['a-2', 'b-2']);
    expect(pasted.nodes[0]?.position).toEqual({ x: 50, y: 60 });
    expect(pasted.edges[0]).toMatchObject({ source: 'a-2', target: 'b-2', sourceHandle: 'out' });
    expect(clip.nodes[0]?.id).toBe('a');
  });
});
