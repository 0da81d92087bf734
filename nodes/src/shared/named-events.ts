import type { NamedEvent } from '@leadflow/engine';

/** The event types of a config list, each with its path (`events[1]`), for the compiler's catalog check. */
export function namedEvents(types: readonly string[] | undefined, path: string): NamedEvent[] {
  return (types ?? []).map((type, index) => ({ type, path: `${path}[${index}]` }));
}
