import { useRef } from 'react';

/** Stable React keys for the items of an array that can be added to, removed from and reordered. */
export interface ItemKeys {
  keys: readonly string[];
  /** A key for an item appended at the end. */
  append(): string;
  remove(index: number): void;
  move(from: number, to: number): void;
}

/**
 * Keys that follow the items when they move, so an item's open/closed state and focus go with
 * it. If the array changes length from outside (undo, another node), keys are re-dealt by position.
 */
export function useItemKeys(length: number): ItemKeys {
  const counter = useRef(0);
  const keys = useRef<string[]>([]);
  const fresh = (): string => `item-${counter.current++}`;
  if (keys.current.length !== length) keys.current = Array.from({ length }, (_, i) => keys.current[i] ?? fresh());
  return {
    keys: keys.current,
    append: () => {
      const key = fresh();
      keys.current = [...keys.current, key];
      return key;
    },
    remove: (index) => {
      keys.current = keys.current.filter((_, i) => i !== index);
    },
    move: (from, to) => {
      keys.current = moveItem(keys.current, from, to);
    },
  };
}

/** A copy of `items` with the item at `from` moved to `to`. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  if (item !== undefined || from < items.length) copy.splice(to, 0, item as T);
  return copy;
}
