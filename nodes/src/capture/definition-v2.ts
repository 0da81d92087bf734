import { type ConfigIssue, defineControlNode } from '@leadflow/engine';
import { type Static, Type } from 'typebox';
import { capture, captureConfigSchema } from './definition.js';

/** What makes two submissions the same lead. */
export const MATCH_KEYS = ['email', 'company_name'] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];

export const captureV2ConfigSchema = Type.Object(
  {
    ...captureConfigSchema.properties,
    matchOn: Type.Array(Type.Enum(MATCH_KEYS), {
      minItems: 1,
      uniqueItems: true,
      title: 'Duplicates match on',
      description:
        'email: the same address (always on). company_name: the same company domain (business addresses only, free-mail excluded) and the same full name, so j.doe@acme.com joins jane@acme.com when both are Jane Doe.',
    }),
    matchAccount: Type.Boolean({
      title: 'Link accounts',
      description:
        "At intake, link the lead to the known account of its business email domain and to that account's owner, so routing by account owner works from the first node.",
    }),
  },
  { additionalProperties: false },
);

export type CaptureV2Config = Static<typeof captureV2ConfigSchema>;

function validateCaptureV2(config: CaptureV2Config): ConfigIssue[] {
  if (!config.matchOn.includes('email'))
    return [{ path: 'matchOn', message: 'must include email: a known address always joins its lead' }];
  return [];
}

/**
 * Capture v2: v1's intake, plus duplicates matched by person at a company and lead-to-account
 * linking, both done at the API before the workflow starts. The node itself runs as v1; v1
 * stays registered for graphs that pin it.
 */
export const captureV2 = defineControlNode({
  type: 'capture',
  version: 2,
  title: capture.title,
  category: capture.category,
  icon: capture.icon,
  description:
    'Receives leads from forms, the API, webhooks and imports; checks required fields, normalizes contact data, merges duplicates by email or by person at the same company, and links known accounts.',
  entry: true,
  configSchema: captureV2ConfigSchema,
  defaultConfig: { ...capture.defaultConfig, matchOn: ['email'], matchAccount: false },
  ports: capture.ports,
  validate: validateCaptureV2,
  summary: (config) =>
    `${config.channels.join(', ')} · requires ${config.requiredFields.join(', ') || 'email'} · duplicates by ${config.matchOn.join(', ')}${config.matchAccount ? ' · links accounts' : ''}`,
  run: capture.run,
});
