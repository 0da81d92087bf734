import type { FastifyInstance } from 'fastify';
import type { Readiness } from './readiness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The first half of a graceful stop: `/readyz` turns 503 and answers carry `Connection: close`,
 * while requests are still served for `delayMs`, so a load balancer that polls readiness stops
 * sending here before the listener closes.
 */
export async function beginDrain(readiness: Readiness, delayMs: number): Promise<void> {
  readiness.startDraining();
  if (delayMs > 0) await sleep(delayMs);
}

/**
 * Closes the HTTP server: no new connections, requests in flight finish, SSE streams end (their
 * clients reconnect elsewhere). Connections still busy after `graceMs` are cut.
 */
export async function closeHttp(app: FastifyInstance, graceMs: number): Promise<void> {
  const timer = setTimeout(() => app.server.closeAllConnections(), graceMs);
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
}
