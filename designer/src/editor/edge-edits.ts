import type { LeadflowEdge } from '../graph/flow-model';
import { freshId } from './clipboard';

export interface NewConnection {
  source: string;
  sourceHandle: string;
  target: string;
}

/**
 * The edges after connecting `connection`: an edge already leaving that port is replaced (a
 * port leads to one node), so re-routing is one drag and one undo step.
 */
export function connect(edges: readonly LeadflowEdge[], connection: NewConnection): LeadflowEdge[] {
  const kept = edges.filter(
    (edge) => !(edge.source === connection.source && edge.sourceHandle === connection.sourceHandle),
  );
  const id = freshId(`e-${connection.source}-${connection.sourceHandle}`, new Set(kept.map((edge) => edge.id)));
  return [...kept, { id, source: connection.source, sourceHandle: connection.sourceHandle, target: connection.target }];
}

/** The edges after dragging `edge`'s end onto another node (or its start onto another free port). */
export function reroute(edges: readonly LeadflowEdge[], edge: LeadflowEdge, connection: NewConnection): LeadflowEdge[] {
  return connect(
    edges.filter((candidate) => candidate.id !== edge.id),
    connection,
  );
}
