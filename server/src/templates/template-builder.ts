import type { GraphDocument } from '@leadflow/engine';

type Node = GraphDocument['nodes'][number];
type Edge = GraphDocument['edges'][number];

/** Column and row on a top-down grid: templates open laid out the way the designer lays out. */
const COLUMN = 280;
const ROW = 170;

/** A node placed on the grid, with the label the canvas and every message use. */
export function node(
  id: string,
  label: string,
  type: string,
  typeVersion: number,
  [column, row]: [number, number],
  config: Record<string, unknown>,
): Node {
  return { id, label, type, typeVersion, position: { x: Math.round(column * COLUMN), y: row * ROW }, config };
}

/** Edges from `[source, port, target]` triples, with readable ids. */
export function edges(list: Array<[string, string, string]>): Edge[] {
  return list.map(([source, sourceHandle, target]) => ({
    id: `e-${source}-${sourceHandle}`,
    source,
    sourceHandle,
    target,
  }));
}

/** A starting point a new workflow can be created from. */
export interface WorkflowTemplate {
  id: string;
  name: string;
  /** What it does, in a sentence or two, for the template picker. */
  description: string;
  /** The lead-management practice it follows (from the guides the templates were built from). */
  practice: string;
  document: GraphDocument;
}

export const REP_OUTCOMES = ['contacted', 'meeting_booked', 'disqualified'];

/** An assign v2 config: round robin over a team (or a territory, or the account owner) unless told otherwise. */
export function assignConfig(
  source: 'team' | 'territory' | 'account_owner',
  team: string,
  options: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    source,
    team,
    strategy: 'round_robin',
    requireSkills: [],
    requireLanguages: [],
    respectWorkingHours: false,
    respectCapacity: true,
    ...options,
  };
}

/** A notify config to the owner or the team manager, in the inbox and by email. */
export function notifyConfig(to: 'owner' | 'team_manager', subject: string, body: string): Record<string, unknown> {
  return { channels: ['inbox', 'email'], to, subject, body };
}

/** The edges a node with `enriched` and `empty` ports needs to carry on either way. */
export const eitherWay = (source: string, target: string): Array<[string, string, string]> => [
  [source, 'enriched', target],
  [source, 'empty', target],
];
