import { describe, expect, it } from 'vitest';
import { inferDirection } from './layout-direction';

describe('inferDirection', () => {
  const node = (id: string, x: number, y: number) => ({ id, position: { x, y } });
  it('reads top-down and left-to-right from where edges go', () => {
    expect(
      inferDirection(
        [node('a', 0, 0), node('b', 20, 200), node('c', -200, 400)],
        [
          { source: 'a', target: 'b' },
          { source: 'b', target: 'c' },
        ],
      ),
    ).toBe('TB');
    expect(
      inferDirection(
        [node('a', 0, 0), node('b', 260, 0), node('c', 520, 80)],
        [
          { source: 'a', target: 'b' },
          { source: 'b', target: 'c' },
        ],
      ),
    ).toBe('LR');
  });
  it('is top-down for a graph without edges', () => {
    expect(inferDirection([node('a', 0, 0)], [])).toBe('TB');
  });
});
