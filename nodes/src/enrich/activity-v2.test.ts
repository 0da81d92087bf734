import type { LeadContext } from '@leadflow/engine';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testActivityContext, testLead } from '../shared/test-support/activity-context.js';
import { startVendorServer, type VendorServer } from '../shared/test-support/vendor-server.js';
import { enrichV2Activity } from './activity-v2.js';
import type { EnrichV2Config, EnrichV2Provider } from './definition-v2.js';
import { vendorValue } from './http-provider.js';
import { openTestDatabase } from '../shared/test-support/test-database.js';

let vendor: VendorServer;
beforeAll(async () => {
  vendor = await startVendorServer({
    'acme.com': {
      name: 'Acme Inc',
      category: { industry: 'Software' },
      metrics: { employees: 250 },
      geo: { country: 'US', state: 'California' },
    },
  });
});
afterAll(() => vendor.close());
beforeEach(() => vendor.reset());

const clearbit = (): EnrichV2Provider => ({
  kind: 'http',
  name: 'clearbit',
  url: `${vendor.origin}/v2/companies/find?domain={{companyDomain}}`,
  authHeader: 'Authorization: Bearer sk_test',
  fieldMap: [
    { from: 'category.industry', to: 'industry', confidence: 0.9 },
    { from: 'metrics.employees', to: 'employees' },
    { from: 'geo.country', to: 'country' },
    { from: 'name', to: 'company', confidence: 0.7 },
  ],
  timeout: '1s',
  retries: 1,
});
/** A second vendor behind the same test server, known by another name. */
const backup = (): EnrichV2Provider => ({
  kind: 'http',
  name: 'backup',
  url: `${vendor.origin}/v2/companies/find?domain={{companyDomain}}`,
  fieldMap: [
    { from: 'category.industry', to: 'industry', confidence: 0.6 },
    { from: 'geo.state', to: 'region' },
  ],
  timeout: '1s',
  retries: 0,
});

const config = (want: EnrichV2Config['want'], ...vendors: EnrichV2Provider[]): EnrichV2Config => ({
  providers: [{ kind: 'email_type' }, { kind: 'company_domain' }, ...vendors],
  want,
});
const run = (
  cfg: EnrichV2Config,
  options: { lead?: LeadContext; attempt?: number; allowHosts?: readonly string[]; db?: unknown } = {},
) =>
  enrichV2Activity.run(
    cfg,
    testActivityContext({ lead: testLead({ email: 'jane@acme.com' }), allowHosts: [vendor.host], ...options }),
  );

describe('enrich v2: waterfall', () => {
  it('asks the vendor with a domain found earlier, records provenance and confidence, and stops early', async () => {
    const outcome = await run(config(['companyDomain', 'industry', 'employees'], clearbit(), backup()));
    expect(outcome.port).toBe('enriched');
    expect(vendor.requests).toHaveLength(1);
    expect(vendor.requests[0]?.path).toBe('/v2/companies/find?domain=acme.com');
    expect(vendor.requests[0]?.headers.authorization).toBe('Bearer sk_test');
    const { fields, providers } = outcome.output as { fields: Record<string, unknown>; providers: unknown[] };
    expect(fields).toMatchObject({
      companyDomain: { value: 'acme.com', provider: 'company_domain', confidence: 0.9 },
      industry: { value: 'Software', provider: 'clearbit', confidence: 0.9 },
      employees: { value: 250, provider: 'clearbit', confidence: 0.8 },
      company: { value: 'Acme Inc', provider: 'clearbit', confidence: 0.7 },
      country: { value: 'US', provider: 'clearbit', confidence: 0.8 },
    });
    expect(providers).toEqual([
      { provider: 'email_type', outcome: 'found', fields: ['emailDomain', 'isFreeEmail'] },
      { provider: 'company_domain', outcome: 'found', fields: ['companyDomain'] },
      { provider: 'clearbit', outcome: 'found', fields: ['industry', 'employees', 'country', 'company'] },
    ]);
    expect(outcome.patch).toEqual({
      emailDomain: 'acme.com',
      isFreeEmail: false,
      companyDomain: 'acme.com',
      company: 'Acme Inc',
      industry: 'Software',
      employees: 250,
      country: 'US',
    });
    expect(outcome.reason).toBe(
      'found companyDomain, industry, employees: companyDomain from company_domain (0.9); industry from clearbit (0.9); employees from clearbit (0.8)',
    );
  });

  it('falls through to the next vendor when the first does not know the company', async () => {
    vendor.next(404);
    const outcome = await run(config(['industry', 'region'], clearbit(), backup()));
    expect(outcome.port).toBe('enriched');
    expect(outcome.output).toMatchObject({
      fields: {
        industry: { value: 'Software', provider: 'backup', confidence: 0.6 },
        region: { value: 'California', provider: 'backup' },
      },
      notes: ['clearbit found nothing'],
    });
    expect(vendor.requests).toHaveLength(2);
  });

  it('uses known accounts before paying a vendor, naming the company from the account', async () => {
    const store = await openTestDatabase();
    try {
      const owner = await store.rep({ name: 'Owen', email: 'owen@leadflow.test' });
      const account = await store.db
        .insertInto('accounts')
        .values({ domain: 'acme.com', name: 'Acme', owner_rep_id: owner })
        .returning('id')
        .executeTakeFirstOrThrow();
      const cfg: EnrichV2Config = {
        providers: [{ kind: 'company_domain' }, { kind: 'known_accounts' }, clearbit()],
        want: ['accountId', 'company'],
      };
      const outcome = await run(cfg, { db: store.db });
      expect(outcome.port).toBe('enriched');
      expect(outcome.patch).toEqual({
        companyDomain: 'acme.com',
        accountId: account.id,
        accountOwnerId: owner,
        company: 'Acme',
      });
      expect(vendor.requests).toHaveLength(0);
    } finally {
      await store.close();
    }
  });

  it('counts a field the lead already has as known and does not overwrite it', async () => {
    const outcome = await run(config(['industry'], clearbit()), {
      lead: testLead({ email: 'jane@acme.com', industry: 'Retail' }),
    });
    expect(outcome.port).toBe('enriched');
    expect(outcome.patch).toEqual({});
    expect(outcome.reason).toBe('found industry: industry already on the lead');
    expect(vendor.requests).toHaveLength(0);
  });

  it('skips a vendor that has nothing to look up by, and says so', async () => {
    const outcome = await run(config(['industry'], clearbit()), { lead: testLead({ email: 'jane@gmail.com' }) });
    expect(outcome.port).toBe('empty');
    expect(outcome.output).toMatchObject({
      notes: ['company_domain found nothing', 'clearbit skipped: no companyDomain to look up by'],
    });
    expect(vendor.requests).toHaveLength(0);
  });
});

describe('enrich v2: vendor failures', () => {
  it('leaves by empty with a note when the vendor is down on the last attempt', async () => {
    vendor.next(500, 500);
    const outcome = await run(config(['industry'], clearbit()), { attempt: 3 });
    expect(outcome.port).toBe('empty');
    const note = `clearbit failed: GET ${vendor.host} answered 500 Internal Server Error (after 2 attempts)`;
    expect(outcome.output).toMatchObject({ missing: ['industry'], notes: [note] });
    expect(outcome.reason).toBe(
      `could not find industry after email_type, company_domain, clearbit (${note}); continuing without`,
    );
    expect(outcome.patch).toEqual({ emailDomain: 'acme.com', isFreeEmail: false, companyDomain: 'acme.com' });
    expect(vendor.requests).toHaveLength(2);
  });

  it('throws for a Temporal retry while attempts remain and only a vendor outage stands in the way', async () => {
    vendor.next(503, 503);
    await expect(run(config(['industry'], clearbit()), { attempt: 1 })).rejects.toThrow(
      `clearbit failed: GET ${vendor.host} answered 503 Service Unavailable (after 2 attempts); industry still missing, so the enrichment is retried (attempt 1 of 3)`,
    );
  });

  it('does not retry when a later provider filled the gap', async () => {
    vendor.next(503, 503);
    const outcome = await run(config(['industry'], clearbit(), backup()), { attempt: 1 });
    expect(outcome.port).toBe('enriched');
    expect(outcome.output).toMatchObject({
      fields: { industry: { provider: 'backup' } },
      notes: [expect.stringContaining('clearbit failed: GET')],
    });
  });

  it('does not retry a refusal: a malformed answer or a private address leaves by empty at once', async () => {
    vendor.next('malformed');
    const malformed = await run(config(['industry'], clearbit()), { attempt: 1 });
    expect(malformed.port).toBe('empty');
    expect(malformed.reason).toContain('clearbit failed: GET');
    expect(malformed.reason).toContain('malformed JSON');

    const refused = await run(config(['industry'], clearbit()), { attempt: 1, allowHosts: [] });
    expect(refused.port).toBe('empty');
    expect(refused.reason).toContain(`clearbit failed: refused to call ${vendor.host}: it is a loopback address`);
  });

  it('times out a slow vendor and notes it', async () => {
    vendor.next('slow', 'slow');
    const outcome = await run(config(['industry'], { ...clearbit(), retries: 0 }), { attempt: 3 });
    expect(outcome.port).toBe('empty');
    expect(outcome.output).toMatchObject({ notes: [`clearbit failed: GET ${vendor.host} timed out after 1s`] });
  });
});

describe('vendorValue', () => {
  it('converts answer values to the lead field type', () => {
    expect(vendorValue('employees', 250)).toBe(250);
    expect(vendorValue('employees', '1,200')).toBe(1200);
    expect(vendorValue('employees', '51-200')).toBeNull();
    expect(vendorValue('employees', -3)).toBeNull();
    expect(vendorValue('companyDomain', ' Acme.COM ')).toBe('acme.com');
    expect(vendorValue('industry', '  ')).toBeNull();
    expect(vendorValue('industry', { name: 'x' })).toBeNull();
    expect(vendorValue('country', 840)).toBe('840');
  });
});
