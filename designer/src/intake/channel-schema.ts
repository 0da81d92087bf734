import type { WorkflowSummary } from '@leadflow/server/contract';
import type { JsonSchema } from '../schema-form';

/**
 * The create body's schema with `workflow` as a choice of the workflows that exist (stored as
 * the slug, which the API takes as well as the id); "not set" keeps the server's meaning: the
 * default workflow at the time of each lead.
 */
export function withWorkflowChoices(schema: JsonSchema, workflows: readonly WorkflowSummary[]): JsonSchema {
  const current = schema.properties?.workflow;
  if (!current) return schema;
  const choices = workflows
    .filter((workflow) => !workflow.archived)
    .map((workflow) => ({
      const: workflow.slug,
      title: workflow.isDefault ? `${workflow.name} (default)` : workflow.name,
    }));
  if (choices.length === 0) return schema;
  // The choices nest in their own anyOf so that even a single one stays a choice, not a fixed value.
  const workflow: JsonSchema = {
    title: 'Workflow',
    description: 'Leads enter this workflow; not set: whichever workflow is the default when each lead arrives.',
    anyOf: [{ anyOf: choices }, { type: 'null' }],
  };
  return { ...schema, properties: { ...schema.properties, workflow } };
}

/** The slug a stored `workflowId` refers to, for the form's workflow choice. */
export function workflowSlug(workflowId: string | null, workflows: readonly WorkflowSummary[]): string | null {
  if (!workflowId) return null;
  return workflows.find((workflow) => workflow.id === workflowId)?.slug ?? workflowId;
}

/** A workflow's name for a list, or what the server does when none is set. */
export function workflowName(workflowId: string | null, workflows: readonly WorkflowSummary[]): string {
  if (!workflowId) return 'default workflow';
  return workflows.find((workflow) => workflow.id === workflowId)?.name ?? workflowId;
}
