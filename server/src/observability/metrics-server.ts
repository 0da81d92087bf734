import { createServer, type Server } from 'node:http';
import { metricsText, METRICS_CONTENT_TYPE } from './metrics-text.js';

export interface MetricsServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * `/metrics`, `/healthz` and `/readyz` on a port of their own, for a process without an API
 * port (a standalone worker). Ready while `ready()` says so (the worker polls and is not
 * shutting down).
 */
export async function startMetricsServer(port: number, host: string, ready: () => boolean): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (path === '/metrics') {
      metricsText().then(
        (text) => response.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE }).end(text),
        (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
      );
    } else if (path === '/healthz') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else if (path === '/readyz') {
      const ok = ready();
      response
        .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: ok ? 'ready' : 'not ready' }));
    } else {
      response
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"error":"not found: try /metrics, /healthz or /readyz"}');
    }
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return { url: `http://${host}:${bound}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
