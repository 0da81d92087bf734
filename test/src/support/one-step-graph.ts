import type { GraphDocument, GraphNode } from '@leadflow/engine';

/**
 * capture (api; only email required) → `step` → end, top-down: the smallest workflow that runs
 * one node of interest. `port` is the step's output that leads to the end.
 */
export function oneStepGraph(
  name: string,
  step: Omit<GraphNode, 'position'>,
  port: string,
  end: Record<string, unknown> = { outcome: 'done' },
): GraphDocument {
  return {
    name,
    nodes: [
      {
        id: 'capture',
        type: 'capture',
        typeVersion: 1,
        position: { x: 0, y: 0 },
        config: { channels: ['api'], requiredFields: ['email'], defaultCountry: 'US' },
      },
      { ...step, position: { x: 0, y: 160 } },
      { id: 'done', type: 'end', typeVersion: 1, position: { x: 0, y: 320 }, config: end },
    ],
    edges: [
      { id: 'e1', source: 'capture', sourceHandle: 'out', target: step.id },
      { id: 'e2', source: step.id, sourceHandle: port, target: 'done' },
    ],
  } as GraphDocument;
}
