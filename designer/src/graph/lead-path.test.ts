import { describe, expect, it } from 'vitest';
import { leadPath } from './lead-path';

const edges = [
  { id: 'e1', source: 'capture', sourceHandle: 'out', target: 'wait' },
  { id: 'e2', source: 'wait', sourceHandle: 'timeout', target: 'nudge' },
  { id: 'e3', source: 'nudge', sourceHandle: 'out', target: 'wait' },
  { id: 'e4', source: 'wait', sourceHandle: 'event', target: 'done' },
];

describe('leadPath', () => {
  it('counts loops and marks only the edges taken', () => {
    const path = leadPath(
      [
        { nodeId: 'capture', port: 'out', status: 'completed', visit: 1 },
        { nodeId: 'wait', port: 'timeout', status: 'completed', visit: 1 },
        { nodeId: 'nudge', port: 'out', status: 'completed', visit: 1 },
        { nodeId: 'wait', port: null, status: 'waiting', visit: 2 },
      ],
      edges,
    );
    expect(path.visits).toEqual({ capture: 1, wait: 2, nudge: 1 });
    expect([...path.takenEdges].sort()).toEqual(['e1', 'e2', 'e3']);
  });

  it('keeps a node failed only while no later visit passed it', () => {
    const failed = leadPath([{ nodeId: 'nudge', port: null, status: 'failed', visit: 1 }], edges);
    expect([...failed.failedNodes]).toEqual(['nudge']);
    const recovered = leadPath(
      [
        { nodeId: 'nudge', port: null, status: 'failed', visit: 1 },
        { nodeId: 'nudge', port: 'out', status: 'completed', visit: 1 },
      ],
      edges,
    );
    expect(recovered.failedNodes.size).toBe(0);
  });
});
