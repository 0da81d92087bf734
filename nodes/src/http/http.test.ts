import { fieldErrors, schemaValidator } from '@leadflow/engine/compiler';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboundHttpError } from '../shared/outbound-http.js';
import { testActivityContext, testLead } from '../shared/test-support/activity-context.js';
import { startVendorServer, type VendorServer } from '../shared/test-support/vendor-server.js';
import { httpActivity } from './activity.js';
import { type HttpConfig, httpNode } from './definition.js';

let crm: VendorServer;
beforeAll(async () => {
  crm = await startVendorServer();
});
afterAll(() => crm.close());
beforeEach(() => crm.reset());

const lead = testLead({
  email: 'jane@acme.com',
  fullName: 'Jane "JD" Doe',
  company: 'Acme',
  employees: 250,
  custom: { plan: 'pro' },
});
const createContact = (overrides: Partial<HttpConfig> = {}): HttpConfig => ({
  method: 'POST',
  url: `${crm.origin}/crm/contacts?source={{custom.plan}}`,
  headers: { Authorization: 'Bearer token-1', 'X-Lead': '{{email}}' },
  body: '{"email": "{{email}}", "name": "{{fullName}}", "employees": {{employees}}}',
  timeout: '2s',
  saveAs: [
    { from: 'id', to: 'crmContactId' },
    { from: 'deal.stage', to: 'crmStage' },
  ],
  ...overrides,
});
const run = (config: HttpConfig, allowHosts: readonly string[] = [crm.host], attempt = 1) =>
  httpActivity.run(config, testActivityContext({ lead, allowHosts, attempt }));

describe('http node: activity', () => {
  it('sends the filled request with an Idempotency-Key and saves answer values into custom fields', async () => {
    const outcome = await run(createContact());
    expect(outcome.port).toBe('ok');
    expect(outcome.patch).toEqual({ custom: { crmContactId: 'contact-1', crmStage: 'new' } });
    expect(outcome.reason).toBe(`POST ${crm.host} answered 201; saved custom.crmContactId, custom.crmStage`);
    const [request] = crm.requests;
    expect(request?.path).toBe('/crm/contacts?source=pro');
    expect(request?.headers['idempotency-key']).toBe('lead-1:node-1:1');
    expect(request?.headers.authorization).toBe('Bearer token-1');
    expect(request?.headers['x-lead']).toBe('jane@acme.com');
    expect(JSON.parse(request?.body ?? '')).toEqual({ email: 'jane@acme.com', name: 'Jane "JD" Doe', employees: 250 });
  });

  it('sends the same Idempotency-Key on a retried attempt', async () => {
    await run(createContact(), [crm.host], 1);
    await run(createContact(), [crm.host], 2);
    expect(crm.requests.map((r) => r.headers['idempotency-key'])).toEqual(['lead-1:node-1:1', 'lead-1:node-1:1']);
  });

  it('says which saveAs paths were not in the answer', async () => {
    const outcome = await run(
      createContact({
        saveAs: [
          { from: 'id', to: 'crmContactId' },
          { from: 'owner.id', to: 'crmOwner' },
        ],
      }),
    );
    expect(outcome.patch).toEqual({ custom: { crmContactId: 'contact-1' } });
    expect(outcome.output).toMatchObject({ missing: ['owner.id'] });
    expect(outcome.reason).toContain('not in the answer: owner.id');
  });

  it('leaves by failed on a 4xx, naming the status and host, without retrying', async () => {
    crm.next(404);
    const outcome = await run(createContact());
    expect(outcome.port).toBe('failed');
    expect(outcome.reason).toBe(`POST ${crm.host} answered 404 Not Found, so the lead left by failed`);
    expect(outcome.output).toMatchObject({ status: 404, response: { error: { type: 'unknown_record' } } });
    expect(outcome.patch).toBeUndefined();
    expect(crm.requests).toHaveLength(1);
  });

  it('leaves by failed when the address is private and not allowed', async () => {
    const outcome = await run(createContact(), []);
    expect(outcome.port).toBe('failed');
    expect(outcome.reason).toMatch(new RegExp(`^refused to call ${crm.host}: it is a loopback address`));
    expect(crm.requests).toHaveLength(0);
  });

  it('throws a transient failure so Temporal retries the activity', async () => {
    crm.next(503);
    await expect(run(createContact())).rejects.toMatchObject({ retryable: true, status: 503 });
    crm.next('slow');
    const timedOut = await run(createContact({ timeout: '1s' })).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(OutboundHttpError);
    expect(timedOut).toMatchObject({ failure: 'timeout', retryable: true });
  });
});

describe('http node: definition', () => {
  const issues = (config: Partial<HttpConfig>) => httpNode.validate?.({ ...createContact(), ...config }) ?? [];

  const schemaErrors = (config: unknown) => {
    const validate = schemaValidator(httpNode.configSchema);
    return validate(config) ? [] : fieldErrors(validate.errors, 'config');
  };

  it('accepts its default config and a valid one', () => {
    expect(schemaErrors(httpNode.defaultConfig)).toEqual([]);
    expect(httpNode.validate?.(httpNode.defaultConfig)).toEqual([]);
    expect(schemaErrors(createContact())).toEqual([]);
    expect(issues({})).toEqual([]);
    expect(schemaErrors({ method: 'GET', url: 'https://crm.example/x' })).toEqual([]);
  });

  it('names the field when the schema refuses a config', () => {
    expect(schemaErrors({ ...createContact(), method: 'HEAD' })).toEqual([
      { path: 'config.method', message: 'must be one of: GET, POST, PUT, PATCH, DELETE' },
    ]);
    expect(schemaErrors({ ...createContact(), saveAs: [{ from: 'a..b', to: 'x' }] })[0]?.path).toBe(
      'config.saveAs[0].from',
    );
  });

  it('names each field with a problem', () => {
    expect(issues({ url: 'ftp://crm.example/x' })).toEqual([
      { path: 'url', message: 'must be http or https, not ftp' },
    ]);
    expect(issues({ url: 'https://crm.example/{{compnay}}' })).toEqual([
      { path: 'url', message: '{{compnay}} is not a lead field' },
    ]);
    expect(issues({ url: 'https://{{custom.host}}/x' })[0]?.path).toBe('url');
    expect(issues({ headers: { 'Idempotency-Key': 'x' } })).toEqual([
      { path: 'headers.Idempotency-Key', message: 'Idempotency-Key is set by the node itself' },
    ]);
    expect(issues({ headers: { 'X Bad': '{{nope}}' } }).map((i) => i.path)).toEqual(['headers.X Bad', 'headers.X Bad']);
    expect(issues({ body: '{"a": {{email}' })[0]?.path).toBe('body');
    expect(issues({ method: 'GET' })).toEqual([
      { path: 'body', message: 'a GET request has no body; use POST, PUT or PATCH' },
    ]);
    expect(issues({ timeout: 'soon' })).toEqual([
      { path: 'timeout', message: "'soon' is not a duration; write e.g. 5s, 10s, 30s" },
    ]);
    expect(issues({ timeout: '2m' })[0]?.path).toBe('timeout');
    expect(
      issues({
        saveAs: [
          { from: 'id', to: 'x' },
          { from: 'other', to: 'x' },
        ],
      }),
    ).toEqual([{ path: 'saveAs[1].to', message: "custom field 'x' is already filled by an earlier entry" }]);
  });

  it('summarises method and target', () => {
    expect(httpNode.summary?.(createContact({ url: 'https://api.hubapi.com/crm/v3/objects/contacts' }))).toBe(
      'POST api.hubapi.com/crm/v3/objects/contacts',
    );
  });
});
