import { GraphDocumentSchema } from '@leadflow/engine';
import { Type } from 'typebox';
import { OpenObject, ProblemSchema } from './common.js';

export const WorkflowSummarySchema = OpenObject({
  id: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  name: Type.String(),
  isDefault: Type.Boolean(),
  archived: Type.Boolean(),
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  leadsInFlight: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const WorkflowDetailSchema = Type.Intersect([WorkflowSummarySchema, Type.Object({ draft: GraphDocumentSchema })]);

export const CreateWorkflowBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    slug: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 60 })),
    draft: Type.Optional(GraphDocumentSchema),
    isDefault: Type.Optional(Type.Boolean({ description: 'New leads without a workflow go here.' })),
  },
  { additionalProperties: false },
);

export const PublishBody = Type.Object({ note: Type.String({ maxLength: 2000, description: 'What changed and why.' }) }, { additionalProperties: false });

export const VersionSchema = OpenObject({
  workflowId: Type.String(),
  version: Type.Integer(),
  hash: Type.String(),
  note: Type.String(),
  author: Type.String(),
  publishedAt: Type.String({ format: 'date-time' }),
});

export const ValidationResultSchema = Type.Object({
  ok: Type.Boolean(),
  hash: Type.Union([Type.String(), Type.Null()]),
  errors: Type.Array(ProblemSchema),
});

export const VersionParams = Type.Object({ id: Type.String({ minLength: 1 }), version: Type.Integer({ minimum: 1 }) });
