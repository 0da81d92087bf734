import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the next request gets: the normal answer, an error status, a slow answer, broken JSON, or a redirect. */
export type Behaviour = 'ok' | 'slow' | 'malformed' | 'redirect' | 404 | 429 | 500 | 503;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Company {
  name: string;
  category: { industry: string };
  metrics: { employees: number };
  geo: { country: string; state?: string };
}

export interface VendorServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `127.0.0.1:<port>`, for allow-lists. */
  readonly host: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Queues behaviours for the next requests, in order; after them every request is answered normally. */
  next(...behaviours: Behaviour[]): void;
  /** Forgets recorded requests and queued behaviours (call between tests). */
  reset(): void;
  close(): Promise<void>;
}

/**
 * A vendor-like JSON API on 127.0.0.1: a Clearbit-like `GET /v2/companies/find?domain=` and a
 * CRM-like `POST /crm/contacts` that echoes what it was sent, with scriptable failures.
 */
export async function startVendorServer(companies: Readonly<Record<string, Company>> = {}): Promise<VendorServer> {
  const requests: RecordedRequest[] = [];
  const queue: Behaviour[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://vendor');
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, headers: req.headers, body });
      const behaviour = queue.shift() ?? 'ok';
      const json = (status: number, value: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(value));
      };
      if (typeof behaviour === 'number')
        return json(behaviour, { error: { type: behaviour === 404 ? 'unknown_record' : 'vendor_error' } });
      if (behaviour === 'malformed') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"name": "Acme", ');
      }
      if (behaviour === 'redirect') {
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
        return res.end();
      }
      const answer = (): void => {
        if (req.method === 'GET' && url.pathname === '/v2/companies/find') {
          const company = companies[url.searchParams.get('domain') ?? ''];
          return company ? json(200, company) : json(404, { error: { type: 'unknown_record' } });
        }
        if (req.method === 'POST' && url.pathname === '/crm/contacts') {
          return json(201, { id: 'contact-1', properties: JSON.parse(body) as unknown, deal: { stage: 'new' } });
        }
        if (url.pathname === '/text') {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('plain words');
          return;
        }
        json(404, { error: { type: 'no_route' } });
      };
      if (behaviour === 'slow') setTimeout(answer, 2_000).unref();
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    requests,
    next: (...behaviours) => void queue.push(...behaviours),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
