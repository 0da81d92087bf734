import { Type } from 'typebox';
import { defineActivityNode, defineControlNode } from '../../definition/define-node.js';
import { NodeRegistry } from '../../definition/node-registry.js';
import { checkCondition } from '../../expression/check-expression.js';

/** Minimal node types that exercise every compiler check without the real node library. */
export const start = defineControlNode({
  type: 'start',
  version: 1,
  title: 'Start',
  category: 'entry',
  description: 'entry',
  icon: 's',
  entry: true,
  configSchema: Type.Object({}),
  defaultConfig: {},
  ports: [{ name: 'out' }],
  run: () => ({ port: 'out' }),
});
export const work = defineActivityNode({
  type: 'work',
  version: 1,
  title: 'Work',
  category: 'data',
  description: 'an activity',
  icon: 'w',
  configSchema: Type.Object({ amount: Type.Integer({ minimum: 0 }) }, { additionalProperties: false }),
  defaultConfig: { amount: 1 },
  ports: [{ name: 'out' }],
});
export const choose = defineControlNode({
  type: 'choose',
  version: 1,
  title: 'Choose',
  category: 'logic',
  description: 'branch',
  icon: 'c',
  configSchema: Type.Object({ cases: Type.Array(Type.Object({ port: Type.String(), when: Type.String() })) }),
  defaultConfig: { cases: [] },
  ports: (config) => [...config.cases.map((c) => ({ name: c.port })), { name: 'default' }],
  validate: (config) =>
    config.cases.flatMap((c, i) => checkCondition(c.when).map((message) => ({ path: `cases[${i}].when`, message }))),
  run: () => ({ port: 'default' }),
});
export const pause = defineControlNode({
  type: 'pause',
  version: 1,
  title: 'Pause',
  category: 'timing',
  description: 'wait',
  icon: 'p',
  waits: true,
  configSchema: Type.Object({}),
  defaultConfig: {},
  ports: [{ name: 'done' }],
  run: () => ({ port: 'done' }),
});
export const finish = defineControlNode({
  type: 'finish',
  version: 1,
  title: 'Finish',
  category: 'outcome',
  description: 'end',
  icon: 'f',
  configSchema: Type.Object({}),
  defaultConfig: {},
  ports: [],
  run: () => ({ port: 'end' }),
});

export const fixtureRegistry = new NodeRegistry([start, work, choose, pause, finish]);

type N = { id: string; type: string; config?: Record<string, unknown>; typeVersion?: number };
type E = [source: string, port: string, target: string];

/** Builds a graph document from a compact description. */
export function graph(nodes: N[], edges: E[]): { name: string; nodes: unknown[]; edges: unknown[] } {
  return {
    name: 'test',
    nodes: nodes.map((n, i) => ({
      id: n.id,
      type: n.type,
      typeVersion: n.typeVersion ?? 1,
      position: { x: i * 200, y: 0 },
      config: n.config ?? (n.type === 'work' ? { amount: 1 } : n.type === 'choose' ? { cases: [] } : {}),
    })),
    edges: edges.map(([source, sourceHandle, target], i) => ({ id: `e${i}`, source, sourceHandle, target })),
  };
}
