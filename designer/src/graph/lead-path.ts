import type { GraphEdge } from '@leadflow/server/contract';

export interface PathStep {
  nodeId: string;
  port: string | null;
  status: string;
  visit: number;
}

export interface LeadPath {
  /** Times each node was entered. */
  visits: Record<string, number>;
  /** Edges the lead left a node by. */
  takenEdges: Set<string>;
  failedNodes: Set<string>;
}

/** Which nodes a lead visited (and how often) and which edges it took, from its step trail. */
export function leadPath(steps: readonly PathStep[], edges: readonly GraphEdge[]): LeadPath {
  const visits: Record<string, number> = {};
  const takenEdges = new Set<string>();
  const failedNodes = new Set<string>();
  const edgeByPort = new Map(edges.map((edge) => [`${edge.source}\u0000${edge.sourceHandle}`, edge.id]));
  for (const step of steps) {
    visits[step.nodeId] = Math.max(visits[step.nodeId] ?? 0, step.visit);
    if (step.status === 'failed') failedNodes.add(step.nodeId);
    if (step.port) {
      const edgeId = edgeByPort.get(`${step.nodeId}\u0000${step.port}`);
      if (edgeId) takenEdges.add(edgeId);
    }
  }
  // A node retried after a failure and then passed is not failed any more.
  for (const step of steps) if (step.status === 'completed' && step.port) failedNodes.delete(step.nodeId);
  return { visits, takenEdges, failedNodes };
}
