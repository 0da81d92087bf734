import type { NodeKind } from './node-kind.js';

/** One node of a compiled plan: its config validated, its ports resolved to next node ids. */
export interface PlanNode {
  readonly id: string;
  readonly type: string;
  readonly typeVersion: number;
  readonly kind: NodeKind;
  readonly config: Readonly<Record<string, unknown>>;
  /** port name → id of the node it leads to. A node with no ports ends the lead's run. */
  readonly next: Readonly<Record<string, string>>;
}

/**
 * The immutable, normalized form of a graph that leads run on. Positions and labels are left
 * out: they do not change behaviour, so they do not change the hash.
 */
export interface Plan {
  readonly format: 1;
  readonly entry: string;
  readonly nodes: Readonly<Record<string, PlanNode>>;
  /** sha256 of the canonical JSON of `entry` and `nodes`. */
  readonly hash: string;
}
