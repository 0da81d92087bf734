import { fieldErrors, schemaValidator } from '@leadflow/engine/compiler';
import { describe, expect, it } from 'vitest';
import { enrich } from './definition.js';
import { type EnrichV2Config, type EnrichV2Provider, enrichV2 } from './definition-v2.js';

const vendor = (overrides: Partial<EnrichV2Provider> = {}): EnrichV2Provider => ({
  kind: 'http',
  name: 'clearbit',
  url: 'https://company.clearbit.com/v2/companies/find?domain={{companyDomain}}',
  authHeader: 'Authorization: Bearer sk_123',
  fieldMap: [{ from: 'category.industry', to: 'industry' }],
  timeout: '5s',
  retries: 1,
  ...overrides,
});
const config = (providers: EnrichV2Provider[], want: EnrichV2Config['want'] = ['industry']): EnrichV2Config => ({
  providers: [{ kind: 'company_domain' }, ...providers],
  want,
});
const issues = (cfg: EnrichV2Config) => enrichV2.validate?.(cfg) ?? [];
const schemaErrors = (cfg: unknown) => {
  const validate = schemaValidator(enrichV2.configSchema);
  return validate(cfg) ? [] : fieldErrors(validate.errors, 'config');
};

describe('enrich v2 definition', () => {
  it('registers beside v1 and accepts its default config', () => {
    expect([enrich.type, enrich.version, enrichV2.type, enrichV2.version]).toEqual(['enrich', 1, 'enrich', 2]);
    expect(schemaErrors(enrichV2.defaultConfig)).toEqual([]);
    expect(issues(enrichV2.defaultConfig)).toEqual([]);
    expect(schemaErrors(config([vendor()]))).toEqual([]);
    expect(issues(config([vendor()]))).toEqual([]);
  });

  it('names the field when the schema refuses a config', () => {
    expect(schemaErrors(config([vendor({ fieldMap: [{ from: 'id', to: 'accountId' as never }] })]))).toEqual([
      {
        path: 'config.providers[1].fieldMap[0].to',
        message: 'must be one of: companyDomain, company, industry, employees, country, region, title',
      },
    ]);
    expect(schemaErrors(config([vendor({ retries: 9 })]))[0]?.path).toBe('config.providers[1].retries');
  });

  it('requires the http fields of a vendor and refuses them on a built-in', () => {
    expect(issues(config([{ kind: 'http', fieldMap: [{ from: 'a', to: 'industry' }] }]))).toEqual([
      { path: 'providers[1].name', message: 'is required for an http provider' },
      { path: 'providers[1].url', message: 'is required for an http provider' },
    ]);
    expect(issues({ providers: [{ kind: 'email_type', url: 'https://x.io' }], want: ['emailDomain'] })).toEqual([
      { path: 'providers[0].url', message: 'is only for an http provider' },
    ]);
  });

  it('checks the URL, placeholders, auth header and timeout of a vendor', () => {
    expect(issues(config([vendor({ url: 'https://x.io/find?d={{companyDomian}}' })]))).toEqual([
      { path: 'providers[1].url', message: '{{companyDomian}} is not a lead field' },
    ]);
    expect(issues(config([vendor({ url: 'ftp://x.io/' })]))).toEqual([
      { path: 'providers[1].url', message: 'must be http or https, not ftp' },
    ]);
    expect(issues(config([vendor({ authHeader: 'Bearer sk_123' })]))[0]?.path).toBe('providers[1].authHeader');
    expect(issues(config([vendor({ timeout: 'fast' })]))).toEqual([
      { path: 'providers[1].timeout', message: "'fast' is not a duration; write e.g. 5s, 10s, 30s" },
    ]);
    expect(issues(config([vendor({ fieldMap: [] })]))).toEqual([
      { path: 'providers[1].fieldMap', message: 'map at least one answer value to a field' },
      { path: 'want', message: 'no provider gives industry' },
    ]);
  });

  it('refuses duplicate providers, unreachable wanted fields and vendors too slow for the activity', () => {
    expect(issues(config([vendor(), vendor()]))).toEqual([
      { path: 'providers[2].name', message: "'clearbit' is already in the list" },
    ]);
    expect(issues(config([vendor()], ['industry', 'title']))).toEqual([
      { path: 'want', message: 'no provider gives title' },
    ]);
    const slow = [vendor({ name: 'a', timeout: '20s', retries: 1 }), vendor({ name: 'b', timeout: '20s', retries: 0 })];
    expect(issues(config(slow))).toEqual([
      {
        path: 'providers',
        message:
          'the http providers may take 61s together when every attempt times out; keep it within 50s with shorter timeouts or fewer retries',
      },
    ]);
  });

  it('summarises the waterfall', () => {
    expect(enrichV2.summary?.(config([vendor()]))).toBe('company_domain → clearbit · wants industry');
  });
});
