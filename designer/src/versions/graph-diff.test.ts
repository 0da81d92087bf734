import { describe, expect, it } from 'vitest';
import type { GraphDocument } from '@leadflow/server/contract';
import { diffGraphs, mergedForCompare } from './graph-diff';

const node = (id: string, config: Record<string, unknown> = {}, x = 0) => ({
  id,
  type: 'end',
  typeVersion: 1,
  position: { x, y: 0 },
  config,
});

const v1: GraphDocument = {
  name: 'w',
  nodes: [node('capture'), node('assign', { team: 'inbound' }), node('old')],
  edges: [
    { id: 'e1', source: 'capture', sourceHandle: 'out', target: 'assign' },
    { id: 'e2', source: 'assign', sourceHandle: 'assigned', target: 'old' },
  ],
};
const v2: GraphDocument = {
  name: 'w',
  nodes: [node('capture', {}, 500), node('assign', { team: 'enterprise' }), node('new')],
  edges: [
    { id: 'e1', source: 'capture', sourceHandle: 'out', target: 'assign' },
    { id: 'e9', source: 'assign', sourceHandle: 'assigned', target: 'new' },
  ],
};

describe('diffGraphs', () => {
  it('finds added, removed and changed nodes and edges, ignoring positions', () => {
    const diff = diffGraphs(v1, v2);
    expect(diff.nodes).toEqual({ assign: 'changed', new: 'added', old: 'removed' });
    expect(diff.nodeDetails).toEqual({ assign: ['config.team'] });
    expect(diff.edges).toEqual({ e9: 'added', e2: 'removed' });
  });

  it('sees no change between a graph and itself with keys in another order', () => {
    const reordered: GraphDocument = {
      ...v1,
      nodes: v1.nodes.map((n) => ({ ...n, config: Object.fromEntries(Object.entries(n.config).reverse()) })),
    };
    expect(diffGraphs(v1, reordered)).toEqual({ nodes: {}, edges: {}, nodeDetails: {} });
  });

  it('draws removed nodes and edges beside the new version', () => {
    const merged = mergedForCompare(v1, v2, diffGraphs(v1, v2));
    expect(merged.nodes.map((n) => n.id)).toEqual(['capture', 'assign', 'new', 'old']);
    expect(merged.edges.map((e) => e.id)).toEqual(['e1', 'e9', 'e2']);
  });
});
