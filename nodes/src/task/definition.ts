import { type ConfigIssue, defineActivityNode } from '@leadflow/engine';
import { type Static, Type } from 'typebox';
import { unknownPlaceholders } from '../shared/template.js';
import { parseDuration } from '../wait/duration.js';

export const taskConfigSchema = Type.Object(
  {
    title: Type.String({
      minLength: 1,
      maxLength: 200,
      title: 'Title',
      description: 'e.g. Day 2: second call attempt to {{fullName}}',
      'x-editor': 'template',
    }),
    dueIn: Type.String({ maxLength: 40, title: 'Due in', description: 'From now, e.g. 1h, 1d, 3d.' }),
    priority: Type.Enum(['low', 'normal', 'high'], { title: 'Priority' }),
    note: Type.Optional(
      Type.String({
        maxLength: 2000,
        title: 'Note',
        description: 'Shown with the task; {{placeholders}} fill in lead fields.',
        'x-editor': 'template',
        'x-multiline': true,
      }),
    ),
  },
  { additionalProperties: false },
);

function validate(config: Static<typeof taskConfigSchema>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (parseDuration(config.dueIn) === null)
    issues.push({ path: 'dueIn', message: `'${config.dueIn}' is not a duration; write e.g. 4h, 1d, 3d` });
  for (const name of unknownPlaceholders(config.title))
    issues.push({ path: 'title', message: `{{${name}}} is not a lead field` });
  for (const name of unknownPlaceholders(config.note ?? ''))
    issues.push({ path: 'note', message: `{{${name}}} is not a lead field` });
  return issues;
}

/** A dated to-do for the lead's owner; chain task → wait → task to draw the day 1/2/4/7/10 cadence. */
export const task = defineActivityNode({
  type: 'task',
  version: 1,
  title: 'Task',
  category: 'engagement',
  icon: '✅',
  description: "Creates a dated to-do for the lead's owner (call, email, LinkedIn), shown in their task list.",
  configSchema: taskConfigSchema,
  defaultConfig: { title: 'Call {{fullName}} at {{company}}', dueIn: '1d', priority: 'normal' },
  ports: [{ name: 'out', label: 'Created' }],
  validate,
  summary: (config) => `${config.title} · due in ${config.dueIn}`,
});
