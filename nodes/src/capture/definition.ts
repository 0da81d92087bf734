import { defineControlNode } from '@leadflow/engine';
import { Type } from 'typebox';

export const CAPTURE_CHANNELS = ['web_form', 'api', 'webhook', 'csv', 'chat', 'referral', 'outbound_reply'] as const;
export const REQUIRABLE_FIELDS = ['email', 'name', 'company', 'source', 'phone', 'title', 'country'] as const;
/** What a submission by a known person does to the lead's fields. */
export const MERGE_POLICIES = ['fillEmpty', 'overwrite', 'keep'] as const;
export type MergePolicy = (typeof MERGE_POLICIES)[number];
export const DEFAULT_MERGE_POLICY: MergePolicy = 'fillEmpty';

export const captureConfigSchema = Type.Object(
  {
    channels: Type.Array(Type.Enum(CAPTURE_CHANNELS), {
      minItems: 1,
      uniqueItems: true,
      title: 'Channels',
      description: 'Where leads for this workflow come from.',
    }),
    requiredFields: Type.Array(Type.Enum(REQUIRABLE_FIELDS), {
      uniqueItems: true,
      title: 'Required fields',
      description: 'A submission missing one of these is refused with an error naming it; email is always required.',
    }),
    defaultCountry: Type.String({
      pattern: '^[A-Z]{2}$',
      title: 'Default phone country',
      description:
        'ISO country code used to read phone numbers written without +country when the lead gives no country of its own (and the form none). A number that still cannot be read is kept as typed and flagged, never refused.',
    }),
    mergePolicy: Type.Optional(
      Type.Enum(MERGE_POLICIES, {
        title: 'When a known person submits again',
        description:
          'fillEmpty (default): fields the lead lacks are filled from the new submission. overwrite: every field the submission gives replaces the stored one. keep: the lead keeps its fields. Either way the last touch is updated and the run gets a resubmitted event listing what changed.',
      }),
    ),
  },
  { additionalProperties: false },
);

/**
 * The entry of every lead workflow. Intake (required fields, normalization, duplicates) runs
 * at the API before the workflow starts, so a bad submission never creates a half lead.
 */
export const capture = defineControlNode({
  type: 'capture',
  version: 1,
  title: 'Capture',
  category: 'entry',
  icon: '📥',
  description:
    'Receives leads from forms, the API, webhooks and imports; checks required fields, normalizes contact data and merges duplicates.',
  entry: true,
  configSchema: captureConfigSchema,
  defaultConfig: {
    channels: ['web_form', 'api'],
    requiredFields: ['email', 'name', 'company', 'source'],
    defaultCountry: 'US',
  },
  ports: [{ name: 'out', label: 'Captured' }],
  summary: (config) => `${config.channels.join(', ')} · requires ${config.requiredFields.join(', ') || 'email'}`,
  run: (_config, ctx) => ({
    port: 'out',
    output: { email: ctx.lead.email, source: ctx.lead.source, channel: ctx.lead.channel },
    reason: `captured from ${ctx.lead.source ?? 'an unknown source'} via ${ctx.lead.channel ?? 'api'}`,
  }),
});
