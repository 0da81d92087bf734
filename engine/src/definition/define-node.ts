import type { TSchema } from 'typebox';
import type { ActivityNodeDefinition, ControlNodeDefinition } from './node-definition.js';

/**
 * Declares a control node. The config type of `run`, `validate` and `summary` is inferred
 * from `configSchema`, so the schema is written once.
 */
export function defineControlNode<S extends TSchema>(
  definition: Omit<ControlNodeDefinition<S>, 'kind'>,
): ControlNodeDefinition<S> {
  return Object.freeze({ ...definition, kind: 'control' as const });
}

/** Declares an activity node; pair it with `defineNodeActivity` from `@leadflow/engine/worker`. */
export function defineActivityNode<S extends TSchema>(
  definition: Omit<ActivityNodeDefinition<S>, 'kind'>,
): ActivityNodeDefinition<S> {
  return Object.freeze({ ...definition, kind: 'activity' as const });
}
