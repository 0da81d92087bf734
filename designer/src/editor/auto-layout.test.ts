import { describe, expect, it } from 'vitest';
import { autoLayout } from './auto-layout';

describe('autoLayout', () => {
  it('places each node right of the nodes that lead to it, without overlaps', () => {
    const positions = autoLayout(
      [
        { id: 'a', ports: 1 },
        { id: 'b', ports: 2 },
        { id: 'c', ports: 1 },
        { id: 'd', ports: 1 },
      ],
      [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
        { source: 'b', target: 'd' },
      ],
    );
    const x = (id: string) => positions.get(id)?.x ?? NaN;
    expect(x('b')).toBeGreaterThan(x('a'));
    expect(x('c')).toBeGreaterThan(x('b'));
    expect(x('c')).toBe(x('d'));
    expect(positions.get('c')?.y).not.toBe(positions.get('d')?.y);
  });
});
