import { describe, expect, it } from 'vitest';
import { autoLayout } from './auto-layout';

const nodes = [
  { id: 'a', ports: 1 },
  { id: 'b', ports: 2 },
  { id: 'c', ports: 1 },
  { id: 'd', ports: 1 },
];
const edges = [
  { source: 'a', target: 'b' },
  { source: 'b', target: 'c' },
  { source: 'b', target: 'd' },
];

describe('autoLayout', () => {
  it('places each node below the nodes that lead to it by default (top-down), without overlaps', () => {
    const positions = autoLayout(nodes, edges);
    const y = (id: string) => positions.get(id)?.y ?? NaN;
    expect(y('b')).toBeGreaterThan(y('a'));
    expect(y('c')).toBeGreaterThan(y('b'));
    expect(y('c')).toBe(y('d'));
    expect(Math.abs((positions.get('c')?.x ?? 0) - (positions.get('d')?.x ?? 0))).toBeGreaterThanOrEqual(240);
  });

  it('lays out left to right when asked', () => {
    const positions = autoLayout(nodes, edges, 'LR');
    const x = (id: string) => positions.get(id)?.x ?? NaN;
    expect(x('b')).toBeGreaterThan(x('a'));
    expect(x('c')).toBeGreaterThan(x('b'));
    expect(x('c')).toBe(x('d'));
    expect(positions.get('c')?.y).not.toBe(positions.get('d')?.y);
  });
});
