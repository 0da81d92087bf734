import { describe, expect, it } from 'vitest';
import { connect, reroute } from './edge-edits';

const edges = [
  { id: 'e1', source: 'route', sourceHandle: 'dach', target: 'assign-inbound' },
  { id: 'e2', source: 'route', sourceHandle: 'default', target: 'end' },
];

describe('edge edits', () => {
  it('replaces the edge already leaving a port instead of refusing the connection', () => {
    const next = connect(edges, { source: 'route', sourceHandle: 'dach', target: 'assign-dach' });
    expect(next.filter((edge) => edge.sourceHandle === 'dach').map((edge) => edge.target)).toEqual(['assign-dach']);
    expect(next).toHaveLength(2);
  });

  it('re-routes an edge to another node, keeping the others', () => {
    const next = reroute(edges, edges[0] as (typeof edges)[number], {
      source: 'route',
      sourceHandle: 'dach',
      target: 'end',
    });
    expect(next.map((edge) => [edge.sourceHandle, edge.target])).toEqual([
      ['default', 'end'],
      ['dach', 'end'],
    ]);
  });
});
