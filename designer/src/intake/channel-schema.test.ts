import { describe, expect, it } from 'vitest';
import type { WorkflowSummary } from '@leadflow/server/contract';
import { enumOptions, fieldKind, unwrapNullable } from '../schema-form/json-schema';
import { withWorkflowChoices } from './channel-schema';

const workflow = (slug: string, name: string, extra: Partial<WorkflowSummary> = {}) =>
  ({ id: `id-${slug}`, slug, name, isDefault: false, archived: false, ...extra }) as WorkflowSummary;
const body = {
  type: 'object',
  properties: { name: { type: 'string' }, workflow: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
} as const;

describe('withWorkflowChoices', () => {
  it('turns workflow into a clearable choice of the live workflows, even when there is only one', () => {
    for (const workflows of [
      [
        workflow('main', 'Main', { isDefault: true }),
        workflow('old', 'Old', { archived: true }),
        workflow('trade', 'Trade'),
      ],
      [workflow('trade', 'Trade')],
    ]) {
      const field = unwrapNullable(withWorkflowChoices(body, workflows).properties?.workflow ?? {});
      expect(field.nullable).toBe(true);
      expect(fieldKind(field.schema)).toBe('enum');
      expect(enumOptions(field.schema)?.map((option) => option.value)).toEqual(
        workflows.filter((w) => !w.archived).map((w) => w.slug),
      );
    }
  });
});
