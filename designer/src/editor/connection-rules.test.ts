import { describe, expect, it } from 'vitest';
import type { NodeType } from '@leadflow/server/contract';
import { connectionProblem, type RuleNode } from './connection-rules';

const type = (name: string, extra: Partial<NodeType> = {}) =>
  ({ type: name, version: 1, entry: false, waits: false, ...extra }) as NodeType;
const node = (id: string, name: string, nodeType: NodeType, ports = ['out']): RuleNode => ({
  id,
  name,
  nodeType,
  ports: ports.map((port) => ({ name: port })),
});
const nodes = new Map<string, RuleNode>([
  ['capture', node('capture', 'Capture', type('capture', { entry: true }))],
  ['a', node('a', 'Update', type('update'))],
  ['b', node('b', 'Choose', type('branch'), ['yes', 'no'])],
  ['wait', node('wait', 'Wait', type('wait', { waits: true }), ['event', 'timeout'])],
]);

describe('connectionProblem', () => {
  it('accepts a declared free port into a non-entry node', () => {
    expect(connectionProblem({ source: 'capture', sourceHandle: 'out', target: 'a' }, nodes, [])).toBeNull();
  });

  it('refuses undeclared ports and edges into the entry, naming the nodes', () => {
    expect(connectionProblem({ source: 'b', sourceHandle: 'maybe', target: 'a' }, nodes, [])).toBe(
      'Choose has no such path',
    );
    const named = new Map(nodes).set('capture', node('capture', 'Web form', type('capture', { entry: true })));
    const intoEntry = connectionProblem({ source: 'a', sourceHandle: 'out', target: 'capture' }, named, []);
    expect(intoEntry).toBe('nothing can lead back into Web form, where leads come in');
  });

  it('refuses an end that is not a node, and a node leading to itself', () => {
    expect(connectionProblem({ source: 'a', sourceHandle: 'out', target: 'gone' }, nodes, [])).toBe(
      'both ends must be nodes',
    );
    expect(connectionProblem({ source: 'a', sourceHandle: 'out', target: 'a' }, nodes, [])).toBe(
      'a node cannot lead to itself',
    );
  });

  it('lets a port that already leads somewhere connect again (the edge is re-routed)', () => {
    const used = [{ source: 'a', sourceHandle: 'out', target: 'wait' }];
    expect(connectionProblem({ source: 'a', sourceHandle: 'out', target: 'b' }, nodes, used)).toBeNull();
  });

  it('refuses a loop without a wait, and allows one through a wait', () => {
    const edges = [{ source: 'a', sourceHandle: 'out', target: 'b' }];
    expect(connectionProblem({ source: 'b', sourceHandle: 'no', target: 'a' }, nodes, edges)).toContain('loop');
    const throughWait = [
      { source: 'a', sourceHandle: 'out', target: 'wait' },
      { source: 'wait', sourceHandle: 'timeout', target: 'b' },
    ];
    expect(connectionProblem({ source: 'b', sourceHandle: 'no', target: 'a' }, nodes, throughWait)).toBeNull();
  });
});
