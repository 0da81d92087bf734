import { defineControlNode } from '@leadflow/engine';
import { Type } from 'typebox';

export const endConfigSchema = Type.Object(
  {
    outcome: Type.String({
      minLength: 1,
      maxLength: 100,
      title: 'Outcome',
      description: "What this ending means, shown in the lead's history.",
    }),
    status: Type.Optional(
      Type.String({
        pattern: '^[a-z][a-z_]*$',
        maxLength: 40,
        title: 'Set lead status',
        description: 'e.g. nurture, disqualified, working',
      }),
    ),
  },
  { additionalProperties: false },
);

/** Finishes a path. Every output port must lead somewhere, so ends are explicit on the canvas. */
export const end = defineControlNode({
  type: 'end',
  version: 1,
  title: 'End',
  category: 'outcome',
  icon: '🏁',
  description: "Ends the lead's run here, optionally setting its status.",
  configSchema: endConfigSchema,
  defaultConfig: { outcome: 'done' },
  ports: [],
  summary: (config) => config.outcome + (config.status ? ` · status ${config.status}` : ''),
  run: (config) => ({
    port: 'end',
    patch: config.status ? { status: config.status } : undefined,
    reason: `ended: ${config.outcome}`,
  }),
});
