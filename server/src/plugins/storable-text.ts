import type { FastifyInstance } from 'fastify';
import { Errors, type ProblemDetail } from '../errors.js';
import { unstorableText } from '../services/storable-text.js';

const PARTS = [
  ['body', ''],
  ['query', 'query'],
  ['params', 'params'],
] as const;

/**
 * Refuses, on every route, a request whose text holds characters Postgres cannot store (a NUL
 * byte, a broken surrogate), with a 400 naming the field — before any handler writes a thing.
 * A hook after validation, so bodies a route parses itself (signed webhooks) are checked too.
 */
export function registerStorableText(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const problems: ProblemDetail[] = [];
    for (const [part, prefix] of PARTS) problems.push(...unstorableText(request[part], prefix));
    if (problems.length > 0) throw Errors.invalidField(problems);
  });
}
