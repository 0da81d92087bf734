import { GraphDocumentSchema } from '@leadflow/engine';
import { type Static, Type } from 'typebox';
import { OpenObject, ProblemSchema } from './common.js';
import { PortSchema } from './node-types.js';

export type { GraphDocument, GraphEdge, GraphNode } from '@leadflow/engine';

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

export const WorkflowDetailSchema = Type.Intersect([
  WorkflowSummarySchema,
  Type.Object({
    draft: GraphDocumentSchema,
    draftHash: Type.Union([Type.String(), Type.Null()], {
      description:
        'Content hash of the draft when it compiles; equal to publishedHash when there is nothing to publish.',
    }),
    publishedHash: Type.Union([Type.String(), Type.Null()], {
      description: 'Content hash of the live version (null before the first publish).',
    }),
  }),
]);

export const CreateWorkflowBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    slug: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 60 })),
    draft: Type.Optional(GraphDocumentSchema),
    isDefault: Type.Optional(Type.Boolean({ description: 'New leads without a workflow go here.' })),
    template: Type.Optional(
      Type.String({
        maxLength: 100,
        description: 'Start from this template (an id from GET /api/workflow-templates) instead of an empty draft.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const WorkflowTemplateSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  practice: Type.String({ description: 'The lead-management practice the template follows.' }),
  nodeCount: Type.Integer(),
  document: GraphDocumentSchema,
});

export const PublishBody = Type.Object(
  { note: Type.String({ maxLength: 2000, description: 'What changed and why.' }) },
  { additionalProperties: false, examples: [{ note: 'Score demo requests higher' }] },
);

export const VersionSchema = OpenObject({
  workflowId: Type.String(),
  version: Type.Integer(),
  hash: Type.String(),
  note: Type.String(),
  author: Type.String(),
  publishedAt: Type.String({ format: 'date-time' }),
});

export const NodeDescriptionSchema = Type.Object({
  ports: Type.Array(PortSchema),
  summary: Type.Union([Type.String(), Type.Null()]),
});

/** Per node id: its ports for its current config and its one-line summary (what the canvas draws). */
export const NodeDescriptionsSchema = Type.Record(Type.String(), NodeDescriptionSchema, {
  description: 'Per node id: its output ports for its current config and a one-line summary of the config.',
});

export const ValidationResultSchema = Type.Object({
  ok: Type.Boolean(),
  hash: Type.Union([Type.String(), Type.Null()]),
  errors: Type.Array(ProblemSchema),
  nodes: NodeDescriptionsSchema,
});

export const UpdateWorkflowBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    isDefault: Type.Optional(
      Type.Literal(true, { description: 'Make this the workflow new leads without a workflow go to.' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const DuplicateWorkflowBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const TestRunBody = Type.Object(
  {
    document: Type.Optional(GraphDocumentSchema),
    lead: Type.Record(Type.String(), Type.Unknown(), {
      description: 'A sample lead, as it would be captured (email, firstName, company, country, source, custom…).',
    }),
    events: Type.Optional(
      Type.Array(
        Type.Object(
          {
            type: Type.String({ minLength: 1, maxLength: 60 }),
            afterMs: Type.Optional(
              Type.Integer({
                minimum: 0,
                maximum: 31_622_400_000,
                description: 'How long after the wait begins the event arrives (at most 366 days).',
              }),
            ),
            data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
          },
          { additionalProperties: false },
        ),
        {
          maxItems: 50,
          description:
            'Events the sample lead receives, in order, when a wait asks for them; a wait with none left times out (or the run stops there).',
        },
      ),
    ),
  },
  { additionalProperties: false },
);

const NullableRecord = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]);

export const TestRunStepSchema = OpenObject({
  seq: Type.Integer(),
  nodeId: Type.String(),
  nodeType: Type.String(),
  typeVersion: Type.Integer(),
  visit: Type.Integer(),
  port: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  output: NullableRecord,
  patch: Type.Union([
    Type.Record(Type.String(), Type.Unknown(), { description: 'Lead fields the step set.' }),
    Type.Null(),
  ]),
  waited: Type.Union([
    OpenObject(
      {
        description: Type.String(),
        endedBy: Type.String({ description: 'An event type, timeout or condition_met.' }),
        simulatedMs: Type.Number(),
      },
      { description: 'For a wait: what it waited for and what ended it.' },
    ),
    Type.Null(),
  ]),
  error: Type.Union([Type.String(), Type.Null()]),
});

export const TestRunResultSchema = OpenObject({
  leadId: Type.String(),
  outcome: Type.Enum(['completed', 'waiting', 'failed', 'step_limit']),
  stoppedAt: Type.Union([OpenObject({ nodeId: Type.String(), reason: Type.String() }), Type.Null()]),
  steps: Type.Array(TestRunStepSchema),
  lead: Type.Record(Type.String(), Type.Unknown(), { description: 'The lead as it would be at the end.' }),
  simulatedMs: Type.Number(),
});

export const VersionDetailSchema = Type.Intersect([
  VersionSchema,
  Type.Object({ document: GraphDocumentSchema, plan: Type.Unknown() }),
]);

export const SaveDraftResultSchema = Type.Object({
  workflow: WorkflowDetailSchema,
  problems: Type.Array(ProblemSchema),
  nodes: NodeDescriptionsSchema,
});

/**
 * `POST …/validate`: the graph to compile, or nothing (null) for the saved draft. Its nodes' configs
 * are checked by the compiler, which reports each problem in words, not by this schema.
 */
export const ValidateBody = Type.Union([GraphDocumentSchema, Type.Null()], {
  description: 'The graph to compile; absent: the saved draft.',
});

export const VersionParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 100 }),
  version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});

export const MigrationBody = Type.Object(
  {
    fromVersion: Type.Integer({
      minimum: 1,
      maximum: 2_147_483_647,
      description: 'The version whose waiting leads move.',
    }),
    toVersion: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'The version they move to.' }),
    nodeMap: Type.Optional(
      Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 100 }), {
        description:
          "Node of the old version → node of the new one; a node left out maps to the new version's node of the same id.",
      }),
    ),
    dryRun: Type.Optional(
      Type.Boolean({ description: 'Only report who would move where, and who cannot and why (default false).' }),
    ),
  },
  { additionalProperties: false },
);

const MigrationMoveSchema = Type.Object({
  leadId: Type.String(),
  email: Type.String(),
  from: Type.String(),
  to: Type.String(),
});

export const MigrationReportSchema = Type.Object({
  dryRun: Type.Boolean(),
  fromVersion: Type.Integer(),
  toVersion: Type.Integer(),
  moves: Type.Array(MigrationMoveSchema, {
    description: 'Leads that would move (dry run) or moved, from node to node.',
  }),
  blocked: Type.Array(
    Type.Object({
      leadId: Type.String(),
      email: Type.String(),
      nodeId: Type.Union([Type.String(), Type.Null()]),
      reason: Type.String(),
    }),
  ),
  byNode: Type.Array(
    Type.Object({
      from: Type.String(),
      to: Type.Union([Type.String(), Type.Null()]),
      leads: Type.Integer(),
      reason: Type.Optional(Type.String()),
    }),
  ),
});

export type WorkflowSummary = Static<typeof WorkflowSummarySchema>;
export type WorkflowDetail = Static<typeof WorkflowDetailSchema>;
export type WorkflowTemplate = Static<typeof WorkflowTemplateSchema>;
export type Version = Static<typeof VersionSchema>;
export type VersionDetail = Static<typeof VersionDetailSchema>;
export type NodeDescription = Static<typeof NodeDescriptionSchema>;
export type ValidationResult = Static<typeof ValidationResultSchema>;
export type SaveDraftResult = Static<typeof SaveDraftResultSchema>;
export type TestRunStep = Static<typeof TestRunStepSchema>;
export type TestRunResult = Static<typeof TestRunResultSchema>;
export type MigrationReport = Static<typeof MigrationReportSchema>;
