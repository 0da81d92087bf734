import { describe, expect, it } from 'vitest';
import type { NodeType } from '../api/types';
import { connectionProblem, type RuleNode } from './connection-rules';

const type = (name: string, extra: Partial<NodeType> = {}) => ({ type: name, version: 1, entry: false, waits: false, ...extra }) as NodeType;
const node = (id: string, nodeType: NodeType, ports = ['out']): RuleNode => ({ id, nodeType, ports: ports.map((name) => ({ name })) });
const nodes = new Map<string, RuleNode>([
  ['capture', node('capture', type('capture', { entry: true }))],
  ['a', node('a', type('update'))],
  ['b', node('b', type('branch'), ['yes', 'no'])],
  ['wait', node('wait', type('wait', { waits: true }), ['event', 'timeout'])],
]);

describe('connectionProblem', () => {
  it('accepts a declared free port into a non-entry node', () => {
    expect(connectionProblem({ source: 'capture', sourceHandle: 'out', target: 'a' }, nodes, [])).toBeNull();
  });

  it('refuses undeclared ports and edges into the entry, naming the nodes', () => {
    expect(connectionProblem({ source: 'b', sourceHandle: 'maybe', target: 'a' }, nodes, [])).toBe('b has no such path');
    const named = new Map(nodes).set('capture', { ...node('capture', type('capture', { entry: true })), name: 'Web form' });
    const intoEntry = connectionProblem({ source: 'a', sourceHandle: 'out', target: 'capture' }, named, []);
    expect(intoEntry).toBe('nothing can lead back into Web form, where leads come in');
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
