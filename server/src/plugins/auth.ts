import { createHash, timingSafeEqual } from 'node:crypto';
import './route-access.js';
import type { FastifyInstance } from 'fastify';
import { Errors } from '../errors.js';

const digest = (token: string): Buffer => createHash('sha256').update(token).digest();

/** Bearer-token auth on every /api route; health, docs and the designer's files stay public. */
export function registerAuth(app: FastifyInstance, adminToken: string): void {
  const expected = digest(adminToken);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match || !timingSafeEqual(digest(match[1] as string), expected)) throw Errors.unauthorized();
  });
}
