import type { NodeType } from '@leadflow/server/contract';
import { type LeadflowNode, toFlowNode } from '../graph/flow-model';
import { freshId } from './clipboard';

/** A node of a type as it is dropped: a readable unique id and the type's default config. */
export function newNode(
  nodeType: NodeType,
  position: { x: number; y: number },
  taken: ReadonlySet<string>,
): LeadflowNode {
  const id = freshId(nodeType.type, taken);
  return toFlowNode(
    {
      id,
      type: nodeType.type,
      typeVersion: nodeType.version,
      position: { x: Math.round(position.x), y: Math.round(position.y) },
      config: structuredClone(nodeType.defaultConfig),
    },
    [nodeType],
  );
}
