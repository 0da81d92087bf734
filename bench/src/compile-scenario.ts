import type { GraphDocument } from '@leadflow/engine';
import { compileGraph } from '@leadflow/engine/compiler';
import { nodeRegistry } from '@leadflow/nodes';
import { percentile } from './stats.js';

/** capture → (n − 2 alternating branch/update nodes) → end: every check and every expression runs. */
export function chainGraph(n: number): GraphDocument {
  const nodes: GraphDocument['nodes'] = [
    {
      id: 'n0',
      type: 'capture',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' },
    },
  ];
  const edges: GraphDocument['edges'] = [];
  for (let i = 1; i < n - 1; i++) {
    const config =
      i % 2
        ? { cases: [{ port: 'hot', when: `score >= ${i} and tier == 1` }] }
        : { set: [{ field: 'custom.step', value: String(i) }] };
    nodes.push({
      id: `n${i}`,
      type: i % 2 ? 'branch' : 'update',
      typeVersion: 1,
      position: { x: i * 10, y: 0 },
      config,
    });
  }
  nodes.push({
    id: `n${n - 1}`,
    type: 'end',
    typeVersion: 1,
    position: { x: n * 10, y: 0 },
    config: { outcome: 'done' },
  });
  for (let i = 0; i < n - 1; i++) {
    const source = nodes[i] as GraphDocument['nodes'][number];
    const target = `n${i + 1}`;
    if (source.type === 'branch') {
      edges.push(
        { id: `e${i}a`, source: source.id, sourceHandle: 'hot', target },
        { id: `e${i}b`, source: source.id, sourceHandle: 'default', target },
      );
    } else edges.push({ id: `e${i}`, source: source.id, sourceHandle: 'out', target });
  }
  return { name: `chain of ${n}`, nodes, edges };
}

export interface CompileFigure {
  nodes: number;
  medianMs: number;
  p95Ms: number;
}

/** Validate + compile time per graph size, median of repeated runs after a warm-up. */
export function runCompileScenario(sizes: readonly number[], repeats: number): CompileFigure[] {
  return sizes.map((size) => {
    const graph = chainGraph(size);
    const first = compileGraph(graph, nodeRegistry);
    if (!first.ok) throw new Error(`benchmark graph of ${size} nodes does not compile: ${first.errors[0]?.message}`);
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const started = performance.now();
      compileGraph(graph, nodeRegistry);
      times.push(performance.now() - started);
    }
    return { nodes: size, medianMs: percentile(times, 0.5), p95Ms: percentile(times, 0.95) };
  });
}
