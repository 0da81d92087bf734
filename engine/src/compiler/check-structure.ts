import type { AnyNodeDefinition } from '../definition/node-definition.js';
import type { Reach, Wiring } from './check-edges.js';
import type { CompileError } from './compile-error.js';

/**
 * Every node must be reachable from the entry. Reach follows every edge between real nodes,
 * even one from a node with a problem: what lies behind that node is not a second problem.
 */
export function checkReachable(
  nodeIds: readonly string[],
  entry: string,
  reach: Reach,
  names: ReadonlyMap<string, string>,
  errors: CompileError[],
): void {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    for (const target of reach.get(id) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  // Report where an unreachable part starts, not every node after it: one problem per cause.
  const unreachable = nodeIds.filter((id) => !seen.has(id));
  const followers = new Set<string>();
  for (const id of unreachable)
    for (const target of reach.get(id) ?? []) if (target !== id && !seen.has(target)) followers.add(target);
  const starts = unreachable.filter((id) => !followers.has(id));
  // A loop no one enters has no start of its own: take its first node.
  const covered = new Set<string>();
  const cover = (id: string): void => {
    const queue = [id];
    while (queue.length > 0) {
      const next = queue.pop() as string;
      if (covered.has(next)) continue;
      covered.add(next);
      queue.push(...(reach.get(next) ?? []).filter((target) => !seen.has(target)));
    }
  };
  for (const id of starts) cover(id);
  for (const id of unreachable) {
    if (covered.has(id)) continue;
    starts.push(id);
    cover(id);
  }
  const startSet = new Set(starts);
  for (const id of nodeIds.filter((candidate) => startSet.has(candidate))) {
    const after = countAfter(id, reach, seen);
    const rest = after > 0 ? ` (nor can the ${after === 1 ? 'node' : `${after} nodes`} after it)` : '';
    errors.push({
      nodeId: id,
      path: '',
      message: `${names.get(id) ?? id} cannot be reached from ${names.get(entry) ?? entry}${rest}; connect a path to it or delete it`,
    });
  }
}

/** How many unreachable nodes lie behind `start`. */
function countAfter(start: string, reach: Reach, seen: ReadonlySet<string>): number {
  const found = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const target of reach.get(queue.pop() as string) ?? []) {
      if (!seen.has(target) && !found.has(target)) {
        found.add(target);
        queue.push(target);
      }
    }
  }
  return found.size - 1;
}

/**
 * Every cycle must pass through a node where time passes (a wait), or a lead could loop
 * forever in one instant. Drops waiting nodes, then finds strongly connected components (Tarjan).
 */
export function checkCycles(
  resolved: Map<string, AnyNodeDefinition>,
  wiring: Wiring,
  names: ReadonlyMap<string, string>,
  errors: CompileError[],
): void {
  const nodes = [...resolved.keys()].filter((id) => !resolved.get(id)?.waits);
  const inGraph = new Set(nodes);
  const successors = (id: string): string[] =>
    [...(wiring.get(id)?.values() ?? [])].filter((target) => inGraph.has(target));

  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();

  // Iterative Tarjan: a 1,000-node chain must not overflow the call stack.
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; next: string[] }> = [];
    const open = (id: string): void => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: successors(id) });
    };
    open(root);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { id: string; next: string[] };
      const target = frame.next.shift();
      if (target !== undefined) {
        if (!index.has(target)) open(target);
        else if (onStack.has(target))
          low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(target) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        const selfLoop = component.length === 1 && successors(frame.id).includes(frame.id);
        if (component.length > 1 || selfLoop) {
          const cycle = component.reverse();
          const loop = [...cycle, cycle[0] as string].map((id) => names.get(id) ?? id).join(' → ');
          errors.push({
            nodeId: cycle[0],
            path: '',
            message: `the loop ${loop} has no Wait on it; a lead would go round without pause. Put a Wait on the loop`,
          });
        }
      }
    }
  }
}
