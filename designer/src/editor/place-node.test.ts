import { describe, expect, it } from 'vitest';
import { freeSpot } from './place-node';

const size = { width: 240, height: 100 };

describe('freeSpot', () => {
  it('keeps a free drop point as it is', () => {
    expect(freeSpot({ x: 500, y: 500 }, size, [{ x: 0, y: 0, ...size }])).toEqual({ x: 500, y: 500 });
  });

  it('moves a node dropped on another to the nearest spot where it covers nothing', () => {
    const other = { x: 0, y: 0, ...size };
    const spot = freeSpot({ x: 10, y: 10 }, size, [other]);
    const covers =
      spot.x < other.x + other.width &&
      other.x < spot.x + size.width &&
      spot.y < other.y + other.height &&
      other.y < spot.y + size.height;
    expect(covers).toBe(false);
    // Nearest: out past the other node's bottom edge plus the gap, not somewhere far.
    expect(Math.hypot(spot.x - 10, spot.y - 10)).toBeLessThan(150);
  });
});
