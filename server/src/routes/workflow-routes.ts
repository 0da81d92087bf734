import { GraphDocumentSchema } from '@leadflow/engine';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { principalOf } from '../auth/principal.js';
import { OPTIONAL_BODY } from '../plugins/openapi-contract.js';
import { EDITORS, READERS } from '../plugins/route-access.js';
import type { AppServices } from '../services/app-services.js';
import { IdParams, refusal } from '../contract/common.js';
import {
  CreateWorkflowBody,
  DuplicateWorkflowBody,
  PublishBody,
  MigrationBody,
  MigrationReportSchema,
  TestRunBody,
  SaveDraftResultSchema,
  TestRunResultSchema,
  UpdateWorkflowBody,
  ValidateBody,
  ValidationResultSchema,
  VersionDetailSchema,
  VersionParams,
  VersionSchema,
  WorkflowDetailSchema,
  WorkflowSummarySchema,
  WorkflowTemplateSchema,
} from '../contract/workflows.js';
import { Errors } from '../errors.js';
import { WORKFLOW_TEMPLATES } from '../templates/index.js';
import type { TypedApp } from './typed-app.js';

const tags = ['workflows'];
const isArchived = refusal('The workflow is archived: unarchive it first.');
const isDefault = refusal('The workflow is the default: make another one the default first.');

/** Workflows: drafts that RevOps edit, validated and published as immutable versions. */
export async function workflowRoutes(untyped: FastifyInstance, services: AppServices): Promise<void> {
  const app = untyped as TypedApp;
  const { workflows } = services;

  app.get(
    '/api/workflows',
    {
      config: { allow: READERS },
      schema: {
        summary: 'List workflows',
        tags,
        response: { 200: Type.Object({ workflows: Type.Array(WorkflowSummarySchema) }) },
      },
    },
    async () => ({
      workflows: await workflows.list(),
    }),
  );

  app.get(
    '/api/workflow-templates',
    {
      config: { allow: READERS },
      schema: {
        summary: 'Workflows to start from, built from lead-management practice',
        tags,
        response: { 200: Type.Object({ templates: Type.Array(WorkflowTemplateSchema) }) },
      },
    },
    async () => ({
      templates: WORKFLOW_TEMPLATES.map((template) => ({ ...template, nodeCount: template.document.nodes.length })),
    }),
  );

  app.post(
    '/api/workflows',
    {
      config: { allow: EDITORS },
      schema: {
        summary: 'Create a workflow: its draft starts with a capture node, the given draft, or a template',
        tags,
        body: CreateWorkflowBody,
        response: { 201: WorkflowDetailSchema, 409: refusal('A workflow with this slug exists.') },
      },
    },
    async (request, reply) => {
      const { template: templateId, ...input } = request.body;
      const template =
        templateId === undefined ? undefined : WORKFLOW_TEMPLATES.find((candidate) => candidate.id === templateId);
      if (templateId !== undefined && !template)
        throw Errors.invalidField([
          { path: 'template', message: `there is no template '${templateId}'; GET /api/workflow-templates lists them` },
        ]);
      if (template && input.draft)
        throw Errors.invalidField([{ path: 'template', message: 'give a template or a draft, not both' }]);
      const draft = template ? { ...structuredClone(template.document), name: input.name } : input.draft;
      return reply
        .status(201)
        .send(await workflows.create({ ...input, ...(draft && { draft }) }, principalOf(request)));
    },
  );

  app.get(
    '/api/workflows/:id',
    {
      config: { allow: READERS },
      schema: {
        summary: 'Get a workflow and its draft',
        tags,
        params: IdParams,
        response: { 200: WorkflowDetailSchema },
      },
    },
    async (request) => workflows.get(request.params.id),
  );

  app.patch(
    '/api/workflows/:id',
    {
      schema: {
        summary: 'Rename a workflow, or make it the default',
        tags,
        params: IdParams,
        body: UpdateWorkflowBody,
        response: { 200: WorkflowDetailSchema, 409: isArchived },
      },
      config: { allow: EDITORS },
    },
    async (request) => workflows.update(request.params.id, request.body, principalOf(request)),
  );

  app.post(
    '/api/workflows/:id/duplicate',
    {
      schema: {
        summary: "Copy a workflow's draft into a new workflow",
        tags,
        params: IdParams,
        body: DuplicateWorkflowBody,
        response: { 201: WorkflowDetailSchema },
      },
      config: { allow: EDITORS },
    },
    async (request, reply) =>
      reply.status(201).send(await workflows.duplicate(request.params.id, request.body.name, principalOf(request))),
  );

  for (const [action, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    app.post(
      `/api/workflows/:id/${action}`,
      {
        schema: {
          summary: archived
            ? 'Archive: no new leads, no edits; leads in flight finish on their version'
            : 'Bring an archived workflow back',
          tags,
          params: IdParams,
          response: { 200: WorkflowDetailSchema, ...(archived && { 409: isDefault }) },
        },
        config: { allow: EDITORS },
      },
      async (request) => workflows.setArchived(request.params.id, archived, principalOf(request)),
    );
  }

  app.post(
    '/api/workflows/:id/test-run',
    {
      schema: {
        summary: 'Run a sample lead through the draft (or the graph in the body) without side effects',
        description:
          'Every node runs, but nothing is kept: database writes (the lead, assignments, tasks, inbox) are rolled back, and nodes that reach the outside world ' +
          '(email, Slack, webhooks, HTTP, enrichment vendors) report what they would send. Waits end with the scripted events or skip to their timeout.',
        tags,
        params: IdParams,
        body: TestRunBody,
        response: {
          200: TestRunResultSchema,
          422: refusal(
            'The graph does not compile, or the sample lead is one the capture node refuses; `errors` names the node or lead field.',
          ),
          503: refusal('The server was started without a database URL, which test runs need.'),
        },
      },
      config: { allow: EDITORS },
    },
    async (request) => services.testRuns.run(request.params.id, request.body as never),
  );

  app.put(
    '/api/workflows/:id/draft',
    {
      config: { allow: EDITORS },
      schema: {
        summary: 'Save the draft; returns the problems still in it (a draft may be unfinished)',
        tags,
        params: IdParams,
        body: GraphDocumentSchema,
        response: { 200: SaveDraftResultSchema, 409: isArchived },
      },
    },
    async (request) => workflows.saveDraft(request.params.id, request.body, principalOf(request)),
  );

  app.post(
    '/api/workflows/:id/validate',
    {
      // Compiling changes nothing, so whoever may read a workflow may check it.
      config: { allow: READERS },
      schema: {
        summary: 'Compile a graph (the body, or the saved draft when the body is empty) and list every problem',
        tags,
        params: IdParams,
        body: ValidateBody,
        [OPTIONAL_BODY]: true,
        response: { 200: ValidationResultSchema },
      },
    },
    async (request) => {
      const document = request.body ?? (await workflows.get(request.params.id)).draft;
      return workflows.validate(document);
    },
  );

  app.post(
    '/api/workflows/:id/publish',
    {
      config: { allow: EDITORS },
      schema: {
        summary: "Compile the draft and store it as the next immutable version (its author: the calling token's name)",
        tags,
        params: IdParams,
        body: PublishBody,
        response: {
          201: VersionSchema,
          409: refusal('The workflow is archived, or nothing changed since the latest version.'),
          422: refusal('The draft does not compile; `errors` names each node and field.'),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await workflows.publish(request.params.id, request.body.note, principalOf(request))),
  );

  app.get(
    '/api/workflows/:id/versions',
    {
      config: { allow: READERS },
      schema: {
        summary: 'List published versions, newest first',
        tags,
        params: IdParams,
        response: { 200: Type.Object({ versions: Type.Array(VersionSchema) }) },
      },
    },
    async (request) => ({ versions: await workflows.versions(request.params.id) }),
  );

  app.get(
    '/api/workflows/:id/versions/:version',
    {
      config: { allow: READERS },
      schema: {
        summary: 'Get one version: its graph and compiled plan',
        tags,
        params: VersionParams,
        response: { 200: VersionDetailSchema },
      },
    },
    async (request) => workflows.version(request.params.id, request.params.version),
  );

  app.post(
    '/api/workflows/:id/migrations',
    {
      config: { allow: EDITORS },
      schema: {
        summary:
          'Move leads waiting on one version onto another, each at its wait (dryRun: only report who would move where)',
        description:
          'Each lead waiting at a node of fromVersion moves to the node nodeMap names (or the node of the same id) in toVersion, ' +
          'which must be a wait; its wait counts from when it began. A lead parked on an error may move to any node, where it runs again. ' +
          "Leads that cannot move are listed with why. Every move is in the lead's trail and the audit log.",
        tags,
        params: IdParams,
        body: MigrationBody,
        response: { 200: MigrationReportSchema },
      },
    },
    async (request) => services.migrations.migrate(request.params.id, request.body, principalOf(request)),
  );
}
