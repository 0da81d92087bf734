import { type ConfigIssue, defineActivityNode, HTTP_AUTH_KINDS } from '@leadflow/engine';
import { type Static, Type } from 'typebox';
import { credentialField, namedCredential } from '../shared/credential-field.js';
import { unknownPlaceholders } from '../shared/template.js';
import { urlTemplateProblem } from '../shared/request-templates.js';
import { worstCaseCallMs } from '../shared/retry-delay.js';
import { timeoutProblem } from '../shared/timeout-setting.js';
import { VALUE_PATH_PATTERN } from '../shared/value-at-path.js';
import { parseDuration } from '../wait/duration.js';

export const ENRICH_V2_KINDS = ['email_type', 'company_domain', 'known_accounts', 'http'] as const;
export const ENRICH_V2_FIELDS = [
  'emailDomain',
  'isFreeEmail',
  'companyDomain',
  'accountId',
  'company',
  'industry',
  'employees',
  'country',
  'region',
  'title',
] as const;
/**
 * What a vendor may fill. Not accountId (it names a row of our own accounts table, which only
 * known_accounts can match) nor emailDomain/isFreeEmail (they follow from the address itself).
 */
export const VENDOR_FIELDS = [
  'companyDomain',
  'company',
  'industry',
  'employees',
  'country',
  'region',
  'title',
] as const;

/** The fields each built-in provider can give (known_accounts also names the company). */
export const BUILT_IN_FIELDS: Readonly<Record<'email_type' | 'company_domain' | 'known_accounts', readonly string[]>> =
  {
    email_type: ['emailDomain', 'isFreeEmail'],
    company_domain: ['companyDomain'],
    known_accounts: ['accountId', 'company'],
  };

export const DEFAULT_VENDOR_TIMEOUT = '5s';
export const DEFAULT_VENDOR_RETRIES = 1;
/** How sure a vendor's value is when its field map does not say. */
export const DEFAULT_VENDOR_CONFIDENCE = 0.8;
const MAX_VENDOR_CALL_MS = 20_000;
/** All vendors together, worst case; the activity's limit (`timeoutMs` below) leaves room for the rest. */
const VENDOR_BUDGET_MS = 50_000;

/** Fields only a `kind: 'http'` provider has. */
const VENDOR_ONLY = ['name', 'url', 'credential', 'authHeader', 'fieldMap', 'timeout', 'retries'] as const;
const AUTH_HEADER = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([^\r\n]*[^\s])$/;

const providerSchema = Type.Object(
  {
    kind: Type.Enum(ENRICH_V2_KINDS, {
      title: 'Kind',
      description:
        "email_type: personal or business address. company_domain: the business address's domain. known_accounts: match against your accounts. http: ask a vendor API.",
    }),
    name: Type.Optional(
      Type.String({
        pattern: '^[a-z][a-z0-9_]*$',
        maxLength: 40,
        title: 'Name',
        description: '(http) Shown as the source of the fields it fills, e.g. clearbit.',
      }),
    ),
    url: Type.Optional(
      Type.String({
        maxLength: 2000,
        title: 'URL',
        description:
          '(http) GET, e.g. https://company.clearbit.com/v2/companies/find?domain={{companyDomain}}. Placeholders are URL-encoded; fields found by earlier providers can be used.',
        'x-editor': 'template',
      }),
    ),
    credential: credentialField(
      'API key',
      '(http) The credential the vendor call authenticates with: an HTTP header, a bearer token or basic auth.',
      HTTP_AUTH_KINDS,
    ),
    authHeader: Type.Optional(
      Type.String({
        maxLength: 2000,
        title: 'Auth header (deprecated)',
        description:
          '(http) Kept for graphs made before credentials; a secret written here is moved to a credential at the next start. Choose an API key instead.',
        'x-secret': true,
        deprecated: true,
      }),
    ),
    fieldMap: Type.Optional(
      Type.Array(
        Type.Object(
          {
            from: Type.String({
              pattern: VALUE_PATH_PATTERN,
              maxLength: 200,
              title: 'From',
              description: 'Dot path in the answer, e.g. category.industry',
            }),
            to: Type.Enum(VENDOR_FIELDS, { title: 'To' }),
            confidence: Type.Optional(
              Type.Number({
                minimum: 0,
                maximum: 1,
                title: 'Confidence',
                description: `0..1, default ${DEFAULT_VENDOR_CONFIDENCE}`,
              }),
            ),
          },
          { additionalProperties: false },
        ),
        {
          maxItems: 30,
          title: 'Field map',
          description: '(http) Which answer value fills which field; for one field, the first path present wins.',
        },
      ),
    ),
    timeout: Type.Optional(
      Type.String({
        maxLength: 20,
        title: 'Timeout',
        description: `(http) Per attempt, e.g. 5s (default ${DEFAULT_VENDOR_TIMEOUT}).`,
      }),
    ),
    retries: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 3,
        title: 'Retries',
        description: `(http) Extra attempts after a timeout, network error, 429 or 5xx (default ${DEFAULT_VENDOR_RETRIES}).`,
      }),
    ),
  },
  { additionalProperties: false },
);

export const enrichV2ConfigSchema = Type.Object(
  {
    providers: Type.Array(providerSchema, {
      minItems: 1,
      maxItems: 10,
      title: 'Providers, in order',
      description: 'Tried in order until the wanted fields are known.',
    }),
    want: Type.Array(Type.Enum(ENRICH_V2_FIELDS), {
      minItems: 1,
      uniqueItems: true,
      title: 'Wanted fields',
      description:
        'The lead leaves by "enriched" when all of these are known, else by "empty". A field the lead already has counts as known.',
    }),
  },
  { additionalProperties: false },
);

export type EnrichV2Config = Static<typeof enrichV2ConfigSchema>;
export type EnrichV2Provider = Static<typeof providerSchema>;

/** The provider's name in provenance and notes: the kind for built-ins, the given name for a vendor. */
export const providerName = (provider: EnrichV2Provider): string =>
  provider.kind === 'http' ? (provider.name ?? 'http') : provider.kind;

export const providerFields = (provider: EnrichV2Provider): readonly string[] =>
  provider.kind === 'http' ? (provider.fieldMap ?? []).map((entry) => entry.to) : BUILT_IN_FIELDS[provider.kind];

function vendorIssues(provider: EnrichV2Provider, path: string): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const field of ['name', 'url', 'fieldMap'] as const)
    if (provider[field] === undefined)
      issues.push({ path: `${path}.${field}`, message: 'is required for an http provider' });
  if (provider.url !== undefined) {
    const problem = urlTemplateProblem(provider.url);
    if (problem) issues.push({ path: `${path}.url`, message: problem });
    for (const name of unknownPlaceholders(provider.url))
      issues.push({ path: `${path}.url`, message: `{{${name}}} is not a lead field` });
  }
  if (provider.fieldMap?.length === 0)
    issues.push({ path: `${path}.fieldMap`, message: 'map at least one answer value to a field' });
  if (provider.authHeader !== undefined && !AUTH_HEADER.test(provider.authHeader))
    issues.push({
      path: `${path}.authHeader`,
      message: 'write one header as "Name: value", e.g. "Authorization: Bearer sk_123"',
    });
  const timeout = timeoutProblem(provider.timeout ?? DEFAULT_VENDOR_TIMEOUT, MAX_VENDOR_CALL_MS);
  if (timeout) issues.push({ path: `${path}.timeout`, message: timeout });
  return issues;
}

function validateEnrichV2(config: EnrichV2Config): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const names = new Set<string>();
  let vendorMs = 0;
  config.providers.forEach((provider, i) => {
    const path = `providers[${i}]`;
    if (provider.kind === 'http') {
      issues.push(...vendorIssues(provider, path));
      vendorMs += worstCaseCallMs(
        parseDuration(provider.timeout ?? DEFAULT_VENDOR_TIMEOUT) ?? 0,
        provider.retries ?? DEFAULT_VENDOR_RETRIES,
      );
    } else {
      for (const field of VENDOR_ONLY)
        if (provider[field] !== undefined)
          issues.push({ path: `${path}.${field}`, message: 'is only for an http provider' });
    }
    const name = providerName(provider);
    if (names.has(name))
      issues.push({
        path: provider.kind === 'http' ? `${path}.name` : `${path}.kind`,
        message: `'${name}' is already in the list`,
      });
    names.add(name);
  });
  if (vendorMs > VENDOR_BUDGET_MS) {
    issues.push({
      path: 'providers',
      message: `the http providers may take ${Math.ceil(vendorMs / 1000)}s together when every attempt times out; keep it within ${VENDOR_BUDGET_MS / 1000}s with shorter timeouts or fewer retries`,
    });
  }
  const given = new Set(config.providers.flatMap(providerFields));
  for (const field of config.want)
    if (!given.has(field)) issues.push({ path: 'want', message: `no provider gives ${field}` });
  return issues;
}

/**
 * Enrich v2: the v1 waterfall, with vendor APIs as providers and the company fields a vendor
 * knows. v1 stays registered for graphs that pin it.
 */
export const enrichV2 = defineActivityNode({
  type: 'enrich',
  version: 2,
  title: 'Enrich',
  category: 'data',
  icon: '🔎',
  description:
    'Fills in company data (industry, size, country, …) from a waterfall of built-in providers and vendor APIs, recording which provider gave each field and how sure it is.',
  configSchema: enrichV2ConfigSchema,
  defaultConfig: {
    providers: [{ kind: 'email_type' }, { kind: 'company_domain' }, { kind: 'known_accounts' }],
    want: ['companyDomain'],
  },
  ports: [
    { name: 'enriched', label: 'Enriched', description: 'every wanted field was found' },
    { name: 'empty', label: 'Not found', description: 'a wanted field is still unknown' },
  ],
  timeoutMs: VENDOR_BUDGET_MS + 10_000,
  // Few and short: a vendor outage should delay the lead by seconds, then let it go on by "empty".
  retry: { maximumAttempts: 3, initialIntervalMs: 2_000, backoffCoefficient: 2 },
  validate: validateEnrichV2,
  credentialsOf: (config) =>
    config.providers.flatMap((provider, index) =>
      namedCredential(provider.credential, `providers[${index}].credential`, HTTP_AUTH_KINDS),
    ),
  summary: (config) => `${config.providers.map(providerName).join(' → ')} · wants ${config.want.join(', ')}`,
});
