import { type Static, type TSchema, Type } from 'typebox';

export const ProblemSchema = Type.Object({
  path: Type.String({ description: 'Dot path of the field, relative to the node when nodeId is set.' }),
  message: Type.String({
    description:
      'A whole sentence naming the node by its label and the field by its title, e.g. "Assign DACH: choose a team".',
  }),
  nodeId: Type.Optional(Type.String()),
  edgeId: Type.Optional(Type.String()),
  field: Type.Optional(Type.String({ description: 'What to say at the form field itself, e.g. "choose a team".' })),
});

export const ErrorSchema = Type.Object({
  statusCode: Type.Integer(),
  code: Type.String({ description: 'Stable error code, e.g. INVALID_LEAD.' }),
  error: Type.String(),
  message: Type.String({ description: 'One sentence naming the field or node.' }),
  errors: Type.Optional(Type.Array(ProblemSchema)),
});

/** An object the docs describe but whose extra properties are still sent. */
export function OpenObject<T extends Record<string, TSchema>>(properties: T, options: { description?: string } = {}) {
  return Type.Object(properties, { additionalProperties: true, ...options });
}

/**
 * An error answer a route documents beyond the standard ones every route gets from the shared
 * plugins (400, 401, 403, 404 for an id, 413, 415, 422: see plugins/openapi-contract.ts), saying
 * when this route gives it.
 */
export const refusal = (description: string) => Type.Object(ErrorSchema.properties, { description });

/** Longest path parameter the router takes; every parameter schema stays below it (see app.ts). */
export const MAX_PARAM_LENGTH = 500;

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
export const UuidParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) });

export type Problem = Static<typeof ProblemSchema>;
export type ApiErrorBody = Static<typeof ErrorSchema>;
