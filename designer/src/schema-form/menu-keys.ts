/**
 * Where the active item of a menu goes on a navigation key (wrapping at the ends), or null
 * for keys that do not navigate.
 */
export function navigate(key: string, active: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return (active + 1) % count;
    case 'ArrowUp':
      return (active - 1 + count) % count;
    case 'Home':
    case 'PageUp':
      return 0;
    case 'End':
    case 'PageDown':
      return count - 1;
    default:
      return null;
  }
}

/**
 * Type-ahead: the first item from `from` on (wrapping) whose label starts with `typed`, any
 * case; null when none does.
 */
export function typeahead(labels: readonly string[], from: number, typed: string): number | null {
  const wanted = typed.toLowerCase();
  for (let step = 0; step < labels.length; step++) {
    const index = (from + step) % labels.length;
    if (labels[index]?.toLowerCase().startsWith(wanted)) return index;
  }
  return null;
}
