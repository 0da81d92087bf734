import type { GraphDocument, NodeType } from '@leadflow/server/contract';
import { findNodeType } from '../app/leadflow-context';
import { documentNames } from '../graph/node-names';

/** Node names of both versions, and the new version's waits to choose from. */
export interface MigrationNames {
  oldNode(nodeId: string): string;
  newNode(nodeId: string): string;
  /** A node of either version (the new one first) by its label; null for an id neither has. */
  either(nodeId: string): string | null;
  waits: ReadonlyArray<{ id: string; label: string }>;
}

/** Names for a migration's review; ids stand in while the versions' documents load. */
export function migrationNames(
  oldDoc: GraphDocument | undefined,
  newDoc: GraphDocument | undefined,
  nodeTypes: readonly NodeType[],
): MigrationNames {
  const oldNames = oldDoc ? documentNames(oldDoc, nodeTypes) : null;
  const newNames = newDoc ? documentNames(newDoc, nodeTypes) : null;
  const has = (doc: GraphDocument | undefined, nodeId: string) =>
    doc?.nodes.some((node) => node.id === nodeId) ?? false;
  return {
    // A lead running between nodes is reported at "(running)".
    oldNode: (nodeId) => (nodeId === '(running)' ? 'between nodes' : (oldNames?.node(nodeId) ?? nodeId)),
    newNode: (nodeId) => newNames?.node(nodeId) ?? nodeId,
    either: (nodeId) =>
      has(newDoc, nodeId)
        ? (newNames?.node(nodeId) ?? null)
        : has(oldDoc, nodeId)
          ? (oldNames?.node(nodeId) ?? null)
          : null,
    waits: (newDoc?.nodes ?? [])
      .filter((node) => findNodeType(nodeTypes, node.type, node.typeVersion)?.waits)
      .map((node) => ({ id: node.id, label: newNames?.node(node.id) ?? node.id })),
  };
}
