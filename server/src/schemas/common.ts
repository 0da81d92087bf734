import { type TSchema, Type } from 'typebox';

export const ProblemSchema = Type.Object({
  path: Type.String({ description: 'Dot path of the field, relative to the node when nodeId is set.' }),
  message: Type.String({ description: "A whole sentence naming the node by its label and the field by its title, e.g. \"Assign DACH: choose a team\"." }),
  nodeId: Type.Optional(Type.String()),
  edgeId: Type.Optional(Type.String()),
  field: Type.Optional(Type.String({ description: 'What to say at the form field itself, e.g. "choose a team".' })),
});

export const ErrorSchema = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({ description: 'Stable error code, e.g. INVALID_LEAD.' }),
    error: Type.String(),
    message: Type.String({ description: 'One sentence naming the field or node.' }),
    errors: Type.Optional(Type.Array(ProblemSchema)),
  },
);

/** An object the docs describe but whose extra properties are still sent. */
export function OpenObject<T extends Record<string, TSchema>>(properties: T, options: { description?: string } = {}) {
  return Type.Object(properties, { additionalProperties: true, ...options });
}

export const errorResponses = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
};

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
export const UuidParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
