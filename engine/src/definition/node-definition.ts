import type { Static, TSchema } from 'typebox';
import type { LeadContext, LeadPatch } from '../lead/lead-context.js';
import type { LeadEvent } from '../lead/lead-event.js';

import type { NodeKind } from '../graph/node-kind.js';

export type { NodeKind };

export type NodeCategory =
  'entry' | 'data' | 'qualification' | 'logic' | 'routing' | 'timing' | 'engagement' | 'outcome';

/** An output of a node. Edges leave a node through a port (`sourceHandle`). */
export interface PortSpec {
  name: string;
  label?: string;
  description?: string;
}

/** A problem in one node's config, found at compile time. `path` is relative to the config. */
export interface ConfigIssue {
  path: string;
  message: string;
}

/** An event type a node's config names, and where in the config. */
export interface NamedEvent {
  type: string;
  path: string;
}

/** A credential a node's config names by id, where, and the kinds the node can use. */
export interface NamedCredential {
  id: string;
  path: string;
  kinds: readonly string[];
}

/** What a node decided: the port to leave by, and what it learned or changed. */
export interface NodeOutcome {
  port: string;
  /** Shown in the step trail; any JSON. */
  output?: Record<string, unknown>;
  /** Fields to change on the lead; persisted with the step. */
  patch?: LeadPatch;
  /** One human sentence: why this port ("territory rule EMEA matched; rep-3 chosen by round robin"). */
  reason?: string;
}

export interface WaitRequest {
  /** Event types that end the wait. Empty: wait for time only. */
  events: readonly string[];
  /** Give up after this many milliseconds (or at `until`). Neither: wait forever. */
  timeoutMs?: number;
  until?: Date;
  /** Shown to ops: "contacted, up to 5m". */
  description: string;
  /** Lead changes that take effect as the wait begins (a recycled lead shows status "recycled" while nurtured). */
  patch?: LeadPatch;
  /**
   * Also end the wait as soon as this holds for the lead (checked whenever the lead changes, e.g.
   * after a re-score). The wait then returns an event of type `condition_met`.
   */
  predicate?: (lead: Readonly<LeadContext>) => boolean;
}

/**
 * What a control node may do inside the workflow sandbox. Everything here is deterministic:
 * time is workflow time, waiting is durable.
 */
export interface ControlContext {
  readonly lead: Readonly<LeadContext>;
  readonly leadId: string;
  readonly nodeId: string;
  /** How many times this node has been entered by this lead, starting at 1. */
  readonly visit: number;
  now(): Date;
  /** Waits durably for one of the events or the timeout; returns the event, or null on timeout. */
  waitFor(request: WaitRequest): Promise<LeadEvent | null>;
}

interface NodeDefinitionBase<S extends TSchema> {
  /** Stable identifier stored in graphs, e.g. `assign`. */
  type: string;
  /** Graphs pin a version; an old version keeps working after a new one ships. */
  version: number;
  title: string;
  category: NodeCategory;
  description: string;
  /** A short glyph for the palette and canvas. */
  icon: string;
  /** The one source of the config's TS type, validator, API docs and designer form. */
  configSchema: S;
  /** Config given to a new node dropped on the canvas; must be valid. */
  defaultConfig: Static<S>;
  /** Output ports: fixed, or computed from config (a branch's cases). */
  ports: readonly PortSpec[] | ((config: Static<S>) => readonly PortSpec[]);
  /** The entry node of a graph (capture). A graph has exactly one. */
  entry?: boolean;
  /** Time can pass in this node, so a cycle through it cannot spin. */
  waits?: boolean;
  /** Checks the schema cannot express (expressions, cross-field rules). */
  validate?(config: Static<S>): ConfigIssue[];
  /**
   * The lead event types this node waits for or reads, each with the config path that names it
   * (`events[0]`), so the compiler can refuse one the event catalog does not declare — a typo
   * would otherwise wait forever.
   */
  eventsOf?(config: Static<S>): readonly NamedEvent[];
  /** The credentials this node's config names, so the compiler can refuse one that is gone or of a kind the node cannot use. */
  credentialsOf?(config: Static<S>): readonly NamedCredential[];
  /** One line shown on the canvas node. */
  summary?(config: Static<S>): string;
}

/** A node that runs inside the workflow sandbox: deterministic, no I/O. */
export interface ControlNodeDefinition<S extends TSchema = TSchema> extends NodeDefinitionBase<S> {
  kind: 'control';
  run(config: Static<S>, ctx: ControlContext): NodeOutcome | Promise<NodeOutcome>;
}

export interface ActivityRetry {
  maximumAttempts: number;
  initialIntervalMs: number;
  backoffCoefficient: number;
}

/** A node that runs as a Temporal activity (any I/O); its implementation lives in a separate module. */
export interface ActivityNodeDefinition<S extends TSchema = TSchema> extends NodeDefinitionBase<S> {
  kind: 'activity';
  /** Per attempt. @default 30000 */
  timeoutMs?: number;
  /**
   * Events that make this node's answer stale (a score reads page visits). When one reaches a lead
   * that waits after passing this node, the node runs again and the lead's fields are updated.
   */
  rerunOnEvents?(config: Static<S>): readonly string[];
  retry?: Partial<ActivityRetry>;
  /**
   * Short work with no outside calls (a score, a lookup in our own tables): runs as a Temporal
   * local activity, in the worker that runs the workflow, without a round trip through the
   * server's task queues. Changing this on an existing node type changes its leads' histories:
   * guard it with a patch as the interpreter does for `local-activities`.
   */
  local?: boolean;
}

export type NodeDefinition<S extends TSchema = TSchema> = ControlNodeDefinition<S> | ActivityNodeDefinition<S>;

/** Any node definition, with its config type erased (what registries hold). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyNodeDefinition = NodeDefinition<any>;

export function nodeKey(type: string, version: number): string {
  return `${type}@${version}`;
}

export function portsOf(definition: AnyNodeDefinition, config: unknown): readonly PortSpec[] {
  return typeof definition.ports === 'function' ? definition.ports(config) : definition.ports;
}
