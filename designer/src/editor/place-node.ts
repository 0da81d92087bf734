/** A rectangle on the canvas, in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const GAP = 24;
const STEP = 20;

const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width + GAP && b.x < a.x + a.width + GAP && a.y < b.y + b.height + GAP && b.y < a.y + a.height + GAP;

/**
 * The top-left corner nearest to `at` where a node of `size` covers no other node: `at` itself
 * when it is free, else the closest free spot found stepping outwards ring by ring.
 */
export function freeSpot(
  at: { x: number; y: number },
  size: { width: number; height: number },
  others: readonly Box[],
): { x: number; y: number } {
  const fits = (x: number, y: number) => !others.some((other) => overlaps({ x, y, ...size }, other));
  if (fits(at.x, at.y)) return { x: Math.round(at.x), y: Math.round(at.y) };
  for (let ring = 1; ring <= 200; ring += 1) {
    let best: { x: number; y: number; distance: number } | null = null;
    for (let dx = -ring; dx <= ring; dx += 1) {
      for (const dy of Math.abs(dx) === ring ? range(-ring, ring) : [-ring, ring]) {
        const x = at.x + dx * STEP;
        const y = at.y + dy * STEP;
        const distance = dx * dx + dy * dy;
        if ((!best || distance < best.distance) && fits(x, y)) best = { x, y, distance };
      }
    }
    if (best) return { x: Math.round(best.x), y: Math.round(best.y) };
  }
  return { x: Math.round(at.x), y: Math.round(at.y) };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}
