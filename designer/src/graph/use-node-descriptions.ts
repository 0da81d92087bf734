import type { Api } from '../api/api-client';
import type { GraphDocument, NodeDescription, Problem } from '@leadflow/server/contract';

/** The server's view of a graph: each node's ports for its config and summary, and every problem. */
export async function describeGraph(
  api: Api,
  workflowId: string,
  document: GraphDocument,
): Promise<{ nodes: Record<string, NodeDescription>; errors: Problem[] }> {
  return api.request('POST', `/api/workflows/${workflowId}/validate`, document);
}
