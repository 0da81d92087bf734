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

  it('refuses undeclared ports, edges into the entry, and a port wired twice', () => {
    expect(connectionProblem({ source: 'b', sourceHandle: 'maybe', target: 'a' }, nodes, [])).toContain('no port');
    expect(connectionProblem({ source: 'a', sourceHandle: 'out', target: 'capture' }, nodes, [])).toContain('entry');
    expect(connectionProblem({ source: 'a', sourceHandle: 'out', target: 'b' }, nodes, [{ source: 'a', sourceHandle: 'out', target: 'wait' }])).toContain('already connected');
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
