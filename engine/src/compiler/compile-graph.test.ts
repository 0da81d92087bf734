import { describe, expect, it } from 'vitest';
import { compileGraph } from './compile-graph.js';
import { fixtureRegistry as registry, graph } from './test-support/fixture-nodes.js';

const linear = graph(
  [
    { id: 'in', type: 'start' },
    { id: 'w', type: 'work' },
    { id: 'end', type: 'finish' },
  ],
  [
    ['in', 'out', 'w'],
    ['w', 'out', 'end'],
  ],
);

function errorsOf(document: unknown) {
  const result = compileGraph(document, registry);
  if (result.ok) throw new Error('expected compile errors');
  return result.errors;
}

describe('compileGraph', () => {
  it('compiles a valid graph to a frozen plan with a content hash', () => {
    const result = compileGraph(linear, registry);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.entry).toBe('in');
    expect(result.plan.nodes.w).toMatchObject({ kind: 'activity', next: { out: 'end' }, config: { amount: 1 } });
    expect(result.plan.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.isFrozen(result.plan.nodes.w?.config)).toBe(true);
  });

  it('keeps the hash when only positions change, and changes it when config changes', () => {
    const moved = structuredClone(linear);
    (moved.nodes[1] as { position: { x: number } }).position.x = 999;
    const changed = structuredClone(linear);
    (changed.nodes[1] as { config: { amount: number } }).config.amount = 2;
    const hash = (d: unknown) => {
      const r = compileGraph(d, registry);
      return r.ok ? r.plan.hash : '';
    };
    expect(hash(moved)).toBe(hash(linear));
    expect(hash(changed)).not.toBe(hash(linear));
  });

  it('refuses a document that breaks its JSON Schema, naming the node and field', () => {
    const bad = structuredClone(linear);
    delete (bad.nodes[1] as { position?: unknown }).position;
    expect(errorsOf(bad)).toContainEqual({ nodeId: 'w', path: 'position', message: "node 'w': position is required" });
    expect(errorsOf({ nodes: [], edges: [] })).toContainEqual({
      path: 'name',
      message: "the workflow's name is required",
    });
  });

  it('reports an unknown node type and an unknown version', () => {
    const doc = graph(
      [
        { id: 'in', type: 'start' },
        { id: 'x', type: 'teleport' },
        { id: 'w', type: 'work', typeVersion: 7 },
      ],
      [['in', 'out', 'x']],
    );
    const errors = errorsOf(doc);
    expect(errors).toContainEqual({
      nodeId: 'x',
      path: 'type',
      message: "node 'x': the node type 'teleport' is not installed on this server",
    });
    expect(errors).toContainEqual({
      nodeId: 'w',
      path: 'typeVersion',
      message: "Work 'w': version 7 of Work is not installed on this server (the latest is 1)",
    });
  });

  it('reports config that does not match the type schema, at the field', () => {
    const doc = graph(
      [
        { id: 'in', type: 'start' },
        { id: 'w', type: 'work', config: { amount: -1, colour: 'red' } },
        { id: 'end', type: 'finish' },
      ],
      [
        ['in', 'out', 'w'],
        ['w', 'out', 'end'],
      ],
    );
    const errors = errorsOf(doc);
    expect(errors).toContainEqual({
      nodeId: 'w',
      path: 'config.amount',
      message: "Work 'w': the amount must be at least 0",
      field: 'the amount must be at least 0',
    });
    expect(errors).toContainEqual({
      nodeId: 'w',
      path: 'config.colour',
      message: "Work 'w': 'colour' is not a known setting",
      field: "'colour' is not a known setting",
    });
  });

  it('reports an edge to a missing node and an undeclared port', () => {
    const doc = structuredClone(linear);
    doc.edges.push({ id: 'ghost', source: 'w', sourceHandle: 'out', target: 'nowhere' });
    doc.edges.push({ id: 'badport', source: 'in', sourceHandle: 'sideways', target: 'end' });
    const errors = errorsOf(doc);
    expect(errors).toContainEqual({
      edgeId: 'ghost',
      path: 'target',
      message: "Work 'w': a connection leads to a node that does not exist ('nowhere'); delete it",
    });
    expect(errors).toContainEqual({
      edgeId: 'badport',
      path: 'sourceHandle',
      message: "Start 'in' has no 'sideways' path any more; connect one of its paths ('out') instead",
    });
  });

  it('requires exactly one entry node', () => {
    expect(errorsOf(graph([{ id: 'end', type: 'finish' }], []))).toContainEqual({
      path: 'nodes',
      message: 'the workflow needs an entry node (Capture) where leads come in',
    });
    const two = graph(
      [
        { id: 'a', type: 'start' },
        { id: 'b', type: 'start' },
        { id: 'end', type: 'finish' },
      ],
      [
        ['a', 'out', 'end'],
        ['b', 'out', 'end'],
      ],
    );
    expect(errorsOf(two)).toContainEqual({
      nodeId: 'b',
      path: 'type',
      message: "Start 'b': a workflow has one entry node, and Start 'a' already is it",
    });
  });

  it('reports an output port left unwired', () => {
    const doc = graph(
      [
        { id: 'in', type: 'start' },
        { id: 'w', type: 'work' },
      ],
      [['in', 'out', 'w']],
    );
    expect(errorsOf(doc)).toContainEqual(expect.objectContaining({ nodeId: 'w', path: 'ports.out' }));
  });

  it('reports a port wired twice and an edge into the entry', () => {
    const doc = structuredClone(linear);
    doc.edges.push({ id: 'twice', source: 'in', sourceHandle: 'out', target: 'end' });
    doc.edges.push({ id: 'back', source: 'w', sourceHandle: 'out', target: 'in' });
    const errors = errorsOf(doc);
    expect(errors).toContainEqual(expect.objectContaining({ edgeId: 'twice', path: 'sourceHandle' }));
    expect(errors).toContainEqual({
      edgeId: 'back',
      path: 'target',
      message: "Work 'w': nothing may lead back into Start 'in', where leads come in",
    });
  });

  it('reports an unreachable node', () => {
    const doc = graph(
      [
        { id: 'in', type: 'start' },
        { id: 'end', type: 'finish' },
        { id: 'island', type: 'finish' },
      ],
      [['in', 'out', 'end']],
    );
    expect(errorsOf(doc)).toEqual([
      {
        nodeId: 'island',
        path: '',
        message: "Finish 'island' cannot be reached from Start 'in'; connect a path to it or delete it",
      },
    ]);
  });

  it('refuses a cycle with no wait on it, and accepts one through a wait', () => {
    const loop = graph(
      [
        { id: 'in', type: 'start' },
        { id: 'a', type: 'work' },
        { id: 'b', type: 'choose', config: { cases: [{ port: 'again', when: 'score > 1' }] } },
        { id: 'end', type: 'finish' },
      ],
      [
        ['in', 'out', 'a'],
        ['a', 'out', 'b'],
        ['b', 'again', 'a'],
        ['b', 'default', 'end'],
      ],
    );
    expect(errorsOf(loop)).toEqual([
      {
        nodeId: 'a',
        path: '',
        message:
          "the loop Work 'a' → Choose 'b' → Work 'a' has no Wait on it; a lead would go round without pause. Put a Wait on the loop",
      },
    ]);

    const paused = graph(
      [
        { id: 'in', type: 'start' },
        { id: 'a', type: 'work' },
        { id: 'b', type: 'choose', config: { cases: [{ port: 'again', when: 'score > 1' }] } },
        { id: 'p', type: 'pause' },
        { id: 'end', type: 'finish' },
      ],
      [
        ['in', 'out', 'a'],
        ['a', 'out', 'b'],
        ['b', 'again', 'p'],
        ['p', 'done', 'a'],
        ['b', 'default', 'end'],
      ],
    );
    expect(compileGraph(paused, registry).ok).toBe(true);
  });

  it('reports a branch expression that does not parse, at the case', () => {
    const doc = graph(
      [
        { id: 'in', type: 'start' },
        { id: 'b', type: 'choose', config: { cases: [{ port: 'hot', when: 'score >= (50' }] } },
        { id: 'end', type: 'finish' },
      ],
      [
        ['in', 'out', 'b'],
        ['b', 'hot', 'end'],
        ['b', 'default', 'end'],
      ],
    );
    const errors = errorsOf(doc);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ nodeId: 'b', path: 'config.cases[0].when' });
    expect(errors[0]?.message).toMatch(/^Choose 'b', case 1, when: syntax error/);
  });

  it('names nodes by their label and reports a port wired twice with both ends', () => {
    const doc = structuredClone(linear) as { nodes: Array<{ id: string; label?: string }>; edges: unknown[] };
    (doc.nodes[0] as { label?: string }).label = 'Web form';
    (doc.nodes[2] as { label?: string }).label = 'Done';
    doc.edges.push({ id: 'twice', source: 'in', sourceHandle: 'out', target: 'end' });
    expect(errorsOf(doc)).toContainEqual({
      edgeId: 'twice',
      path: 'sourceHandle',
      message: "Web form: the 'out' path already leads to Work 'w'; a path leads to one node",
    });
  });

  it('reports one problem per cause: nodes behind a node with a config problem are not also unreachable', () => {
    const doc = graph(
      [
        { id: 'in', type: 'start' },
        { id: 'w', type: 'work', config: { amount: -5 } },
        { id: 'b', type: 'choose' },
        { id: 'end', type: 'finish' },
      ],
      [
        ['in', 'out', 'w'],
        ['w', 'out', 'b'],
        ['b', 'default', 'end'],
      ],
    );
    expect(errorsOf(doc)).toEqual([
      {
        nodeId: 'w',
        path: 'config.amount',
        message: "Work 'w': the amount must be at least 0",
        field: 'the amount must be at least 0',
      },
    ]);
  });

  it('keeps the targets of an edge from a port that no longer exists reachable: the edge is the one problem', () => {
    const doc = graph(
      [
        { id: 'in', type: 'start' },
        { id: 'b', type: 'choose' },
        { id: 'end', type: 'finish' },
        { id: 'old', type: 'finish' },
      ],
      [
        ['in', 'out', 'b'],
        ['b', 'default', 'end'],
        ['b', 'gone', 'old'],
      ],
    );
    const errors = errorsOf(doc);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ edgeId: 'e2', path: 'sourceHandle' });
  });

  it('reports where an unreachable part starts, not each node after it', () => {
    const doc = graph(
      [
        { id: 'in', type: 'start' },
        { id: 'end', type: 'finish' },
        { id: 'w', type: 'work' },
        { id: 'p', type: 'pause' },
        { id: 'end2', type: 'finish' },
      ],
      [
        ['in', 'out', 'end'],
        ['w', 'out', 'p'],
        ['p', 'done', 'end2'],
      ],
    );
    expect(errorsOf(doc)).toEqual([
      {
        nodeId: 'w',
        path: '',
        message:
          "Work 'w' cannot be reached from Start 'in' (nor can the 2 nodes after it); connect a path to it or delete it",
      },
    ]);
  });
});
