import { describe, expect, it } from 'vitest';
import { edgeProblem, type RuleNodeView } from './edge-rules.js';

const nodes = new Map<string, RuleNodeView>([
  ['in', { entry: true, ports: [{ name: 'out' }] }],
  ['choose', { entry: false, ports: [{ name: 'yes', label: 'Yes' }, { name: 'no' }] }],
  ['end', { entry: false, ports: [] }],
  ['unknown', { entry: false, ports: undefined }],
]);
const node = (id: string): RuleNodeView | undefined => nodes.get(id);
const free = (): undefined => undefined;

describe('edgeProblem', () => {
  it('accepts a declared, free port into a node that is not the entry', () => {
    expect(edgeProblem({ source: 'in', sourceHandle: 'out', target: 'choose' }, node, free)).toBeNull();
  });

  it('refuses an edge from or to a node that does not exist, the source first', () => {
    expect(edgeProblem({ source: 'ghost', sourceHandle: 'out', target: 'nowhere' }, node, free)).toEqual({
      rule: 'missing-source',
    });
    expect(edgeProblem({ source: 'in', sourceHandle: 'out', target: 'nowhere' }, node, free)).toEqual({
      rule: 'missing-target',
    });
  });

  it('refuses an edge into the entry node, whatever port it leaves', () => {
    expect(edgeProblem({ source: 'choose', sourceHandle: 'yes', target: 'in' }, node, free)).toEqual({
      rule: 'into-entry',
    });
    expect(edgeProblem({ source: 'choose', sourceHandle: 'maybe', target: 'in' }, node, free)).toEqual({
      rule: 'into-entry',
    });
  });

  it('refuses a port the source does not declare, or none, and says which it does', () => {
    const declared = [{ name: 'yes', label: 'Yes' }, { name: 'no' }];
    expect(edgeProblem({ source: 'choose', sourceHandle: 'maybe', target: 'end' }, node, free)).toEqual({
      rule: 'undeclared-port',
      declared,
    });
    expect(edgeProblem({ source: 'choose', sourceHandle: null, target: 'end' }, node, free)).toEqual({
      rule: 'undeclared-port',
      declared,
    });
    expect(edgeProblem({ source: 'end', sourceHandle: 'out', target: 'choose' }, node, free)).toEqual({
      rule: 'undeclared-port',
      declared: [],
    });
  });

  it('reports a port that already leads somewhere, with the port and where it leads', () => {
    const leadsTo = (source: string, port: string): string | undefined =>
      source === 'choose' && port === 'yes' ? 'end' : undefined;
    expect(edgeProblem({ source: 'choose', sourceHandle: 'yes', target: 'choose' }, node, leadsTo)).toEqual({
      rule: 'port-taken',
      port: { name: 'yes', label: 'Yes' },
      takenBy: 'end',
    });
    expect(edgeProblem({ source: 'choose', sourceHandle: 'no', target: 'end' }, node, leadsTo)).toBeNull();
  });

  it('leaves the ports of a node whose type is unknown unchecked, but not its ends', () => {
    expect(edgeProblem({ source: 'unknown', sourceHandle: 'anything', target: 'end' }, node, free)).toBeNull();
    expect(edgeProblem({ source: 'unknown', sourceHandle: 'anything', target: 'in' }, node, free)).toEqual({
      rule: 'into-entry',
    });
  });
});
