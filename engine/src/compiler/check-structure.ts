import type { AnyNodeDefinition } from '../definition/node-definition.js';
import type { Wiring } from './check-edges.js';
import type { CompileError } from './compile-error.js';

/** Every node must be reachable from the entry. */
export function checkReachable(nodeIds: readonly string[], entry: string, wiring: Wiring, errors: CompileError[]): void {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const id = queue.pop() as string;
    for (const target of wiring.get(id)?.values() ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  for (const id of nodeIds) {
    if (!seen.has(id)) errors.push({ nodeId: id, path: '', message: `node '${id}' cannot be reached from the entry node` });
  }
}

/**
 * Every cycle must pass through a node where time passes (a wait), or a lead could loop
 * forever in one instant. Drops waiting nodes, then finds strongly connected components (Tarjan).
 */
export function checkCycles(resolved: Map<string, AnyNodeDefinition>, wiring: Wiring, errors: CompileError[]): void {
  const nodes = [...resolved.keys()].filter((id) => !resolved.get(id)?.waits);
  const inGraph = new Set(nodes);
  const successors = (id: string): string[] => [...(wiring.get(id)?.values() ?? [])].filter((target) => inGraph.has(target));

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
        else if (onStack.has(target)) low.set(frame.id, Math.min(low.get(frame.id) as number, index.get(target) as number));
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
          errors.push({ nodeId: cycle[0], path: '', message: `cycle ${cycle.join(' → ')} has no wait on it; a lead would loop without pause` });
        }
      }
    }
  }
}
