import { defineActivityNode } from '@leadflow/engine';
import { Type } from 'typebox';

export const ENRICH_PROVIDERS = ['email_type', 'company_domain', 'known_accounts'] as const;
export const ENRICHABLE_FIELDS = ['emailDomain', 'isFreeEmail', 'companyDomain', 'accountId'] as const;

export const enrichConfigSchema = Type.Object(
  {
    providers: Type.Array(Type.Enum(ENRICH_PROVIDERS), {
      minItems: 1,
      uniqueItems: true,
      title: 'Providers, in order',
      description: 'Tried in order until the wanted fields are filled.',
    }),
    want: Type.Array(Type.Enum(ENRICHABLE_FIELDS), {
      minItems: 1,
      uniqueItems: true,
      title: 'Wanted fields',
      description: 'The lead leaves by "enriched" when all of these are known, else by "empty".',
    }),
  },
  { additionalProperties: false },
);

export const enrich = defineActivityNode({
  type: 'enrich',
  version: 1,
  title: 'Enrich',
  category: 'data',
  icon: '🔎',
  description:
    'Fills in company data from a waterfall of providers, recording which provider gave each field and how sure it is.',
  configSchema: enrichConfigSchema,
  defaultConfig: { providers: ['email_type', 'company_domain', 'known_accounts'], want: ['companyDomain'] },
  ports: [
    { name: 'enriched', label: 'Enriched', description: 'every wanted field was found' },
    { name: 'empty', label: 'Not found', description: 'a wanted field is still unknown' },
  ],
  timeoutMs: 15_000,
  // Its providers read the lead and our own tables (accounts): short, no outside call.
  local: true,
  summary: (config) => `${config.providers.join(' → ')} · wants ${config.want.join(', ')}`,
});
