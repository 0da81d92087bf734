import { createContext, useContext } from 'react';
import type { Api } from '../api/api-client';
import type { LeadField, NodeType, Principal } from '@leadflow/server/contract';

/** What every page needs: the signed API, who is signed in, and the node catalog. */
export interface Leadflow {
  api: Api;
  principal: Principal;
  nodeTypes: NodeType[];
  leadFields: LeadField[];
  signOut(): void;
}

export const LeadflowContext = createContext<Leadflow | null>(null);

export function useLeadflow(): Leadflow {
  const value = useContext(LeadflowContext);
  if (!value) throw new Error('useLeadflow outside <LeadflowContext>');
  return value;
}

/** The catalog entry of a node type version. */
export function findNodeType(nodeTypes: readonly NodeType[], type: string, version: number): NodeType | undefined {
  return nodeTypes.find((nodeType) => nodeType.type === type && nodeType.version === version);
}
