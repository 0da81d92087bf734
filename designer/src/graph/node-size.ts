import type { Direction } from './layout-direction';

/** A card's width: fixed left-to-right; top-down it grows so every port gets room for its label. */
export function nodeWidth(ports: number, direction: Direction): number {
  return direction === 'TB' ? Math.max(240, ports * 112) : 220;
}

/** A card's height as laid out (head, summary, ports). */
export function nodeHeight(ports: number, direction: Direction): number {
  if (direction === 'TB') return ports > 0 ? 104 : 70;
  return 64 + ports * 24;
}
