import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OutboundHttpError, requestJson } from './outbound-http.js';
import { startVendorServer, type VendorServer } from './test-support/vendor-server.js';

let vendor: VendorServer;
beforeAll(async () => {
  vendor = await startVendorServer({
    'acme.com': {
      name: 'Acme',
      category: { industry: 'Software' },
      metrics: { employees: 250 },
      geo: { country: 'US' },
    },
  });
});
afterAll(() => vendor.close());
beforeEach(() => vendor.reset());

const find = (domain = 'acme.com'): string => `${vendor.origin}/v2/companies/find?domain=${domain}`;

async function failure(promise: Promise<unknown>): Promise<OutboundHttpError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundHttpError);
  return error as OutboundHttpError;
}

describe('requestJson: address checks', () => {
  it('refuses a loopback IP that is not allowed, before connecting', async () => {
    const error = await failure(requestJson({ url: find(), allowHosts: [] }));
    expect(error).toMatchObject({ failure: 'refused', retryable: false, host: vendor.host });
    expect(error.message).toContain('loopback');
    expect(vendor.requests).toHaveLength(0);
  });

  it('refuses a host name that resolves to loopback', async () => {
    const error = await failure(
      requestJson({ url: `http://localhost:${vendor.port}/v2/companies/find?domain=acme.com`, allowHosts: [] }),
    );
    expect(error).toMatchObject({ failure: 'refused', retryable: false });
    expect(error.message).toMatch(
      /^refused to call localhost:\d+: it resolves to .*, a loopback address; add the host/,
    );
    expect(vendor.requests).toHaveLength(0);
  });

  it('refuses an allowed host on another port, and IPv4-mapped loopback', async () => {
    expect((await failure(requestJson({ url: find(), allowHosts: ['127.0.0.1:1'] }))).failure).toBe('refused');
    expect(
      (await failure(requestJson({ url: `http://[::ffff:127.0.0.1]:${vendor.port}/`, allowHosts: [] }))).message,
    ).toContain('loopback');
  });

  it('calls an allowed host and parses JSON', async () => {
    const response = await requestJson({ url: find(), allowHosts: [vendor.host] });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.body).toEqual({
      name: 'Acme',
      category: { industry: 'Software' },
      metrics: { employees: 250 },
      geo: { country: 'US' },
    });
  });

  it('accepts a host name without port in the allow-list', async () => {
    const response = await requestJson({ url: `http://localhost:${vendor.port}/text`, allowHosts: ['LOCALHOST'] });
    expect(response.body).toBe('plain words');
  });

  it('calls only http and https', async () => {
    expect(await failure(requestJson({ url: 'file:///etc/passwd', allowHosts: [] }))).toMatchObject({
      failure: 'invalid_request',
      retryable: false,
    });
    expect(await failure(requestJson({ url: 'not a url', allowHosts: [] }))).toMatchObject({
      failure: 'invalid_request',
    });
  });
});

describe('requestJson: failures and retries', () => {
  const allowHosts = (): string[] => [vendor.host];

  it('times out a slow answer as retryable', async () => {
    vendor.next('slow');
    const error = await failure(requestJson({ url: find(), allowHosts: allowHosts(), timeoutMs: 200 }));
    expect(error).toMatchObject({ failure: 'timeout', retryable: true });
    expect(error.message).toBe(`GET ${vendor.host} timed out after 0.2s`);
  });

  it('retries a 500 and returns the answer that follows', async () => {
    vendor.next(500);
    const response = await requestJson({ url: find(), allowHosts: allowHosts(), retries: 2 });
    expect(response.status).toBe(200);
    expect(vendor.requests).toHaveLength(2);
  });

  it('gives up after the retries, still retryable, saying how many attempts were made', async () => {
    vendor.next(503, 503);
    const error = await failure(requestJson({ url: find(), allowHosts: allowHosts(), retries: 1 }));
    expect(error).toMatchObject({ failure: 'status', status: 503, retryable: true, attempts: 2 });
    expect(error.message).toBe(`GET ${vendor.host} answered 503 Service Unavailable (after 2 attempts)`);
  });

  it('treats 429 as retryable', async () => {
    vendor.next(429);
    expect(await failure(requestJson({ url: find(), allowHosts: allowHosts() }))).toMatchObject({
      status: 429,
      retryable: true,
    });
  });

  it('does not retry a 4xx, and keeps the vendor error body', async () => {
    vendor.next(404, 404, 404);
    const error = await failure(requestJson({ url: find(), allowHosts: allowHosts(), retries: 3 }));
    expect(error).toMatchObject({ failure: 'status', status: 404, retryable: false, attempts: 1 });
    expect(error.response?.body).toEqual({ error: { type: 'unknown_record' } });
    expect(vendor.requests).toHaveLength(1);
  });

  it('refuses malformed JSON on a 2xx without retrying', async () => {
    vendor.next('malformed', 'malformed');
    const error = await failure(requestJson({ url: find(), allowHosts: allowHosts(), retries: 1 }));
    expect(error).toMatchObject({ failure: 'invalid_response', retryable: false });
    expect(error.message).toContain('malformed JSON');
  });

  it('does not follow a redirect (it could lead to a private address)', async () => {
    vendor.next('redirect');
    const error = await failure(requestJson({ url: find(), allowHosts: allowHosts() }));
    expect(error).toMatchObject({ failure: 'redirect', status: 302, retryable: false });
    expect(error.message).toContain('169.254.169.254');
  });

  it('reports a refused connection as a retryable network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(requestJson({ url: `http://127.0.0.1:${port}/`, allowHosts: [`127.0.0.1:${port}`] }));
    expect(error).toMatchObject({ failure: 'network', retryable: true });
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('sends the body and headers, with a JSON content type guessed from the body', async () => {
    await requestJson({
      url: `${vendor.origin}/crm/contacts`,
      method: 'post',
      body: '{"email":"a@b.co"}',
      headers: { 'Idempotency-Key': 'k-1' },
      allowHosts: allowHosts(),
    });
    const [request] = vendor.requests;
    expect(request).toMatchObject({ method: 'POST', body: '{"email":"a@b.co"}' });
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['idempotency-key']).toBe('k-1');
  });

  it('refuses a header value with a line break instead of sending it', async () => {
    const error = await failure(
      requestJson({ url: find(), headers: { 'X-Name': 'a\r\nInjected: yes' }, allowHosts: allowHosts() }),
    );
    expect(error).toMatchObject({ failure: 'invalid_request', retryable: false });
    expect(vendor.requests).toHaveLength(0);
  });
});
