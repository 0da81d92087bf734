import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { FailedAuthLimit, type FailedAuthLimitOptions } from '../auth/failed-auth-limit.js';
import { BOOTSTRAP_ADMIN, type Principal } from '../auth/principal.js';
import { hashToken, looksIssued } from '../auth/token-secret.js';
import { ApiError, Errors } from '../errors.js';
import type { TokenStore } from '../services/token-store.js';
import { requiredAccess, ROLES, type RouteAccess } from './route-access.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** What the request's route demands. Unknown paths under /api still need a token (then 404), so the API cannot be probed. */
function accessFor(request: FastifyRequest): RouteAccess {
  if (request.is404) return request.url.startsWith('/api/') ? ROLES : 'public';
  return requiredAccess(request.routeOptions.config.allow);
}

/**
 * Bearer-token auth and role check on every route, before its body is even validated. The env
 * admin token (LEADFLOW_ADMIN_TOKEN) is the bootstrap admin; every other token is looked up by
 * its hash on each request, so a revoked or expired token fails on the very next call, on every
 * server. An address that presents too many refused tokens is refused (429) for a while.
 */
export function registerAuth(
  app: FastifyInstance,
  adminToken: string,
  tokens: TokenStore,
  failureLimit: FailedAuthLimitOptions = {},
): void {
  const adminDigest = hashToken(adminToken);
  const failures = new FailedAuthLimit(failureLimit);

  async function authenticate(token: string): Promise<Principal> {
    if (timingSafeEqual(hashToken(token), adminDigest)) return BOOTSTRAP_ADMIN;
    const stored = looksIssued(token) ? await tokens.resolve(token) : null;
    if (!stored)
      throw Errors.unauthorized(
        'this token is not one Leadflow issued; send a valid token as "Authorization: Bearer <token>"',
      );
    if (stored.revoked) throw Errors.unauthorized(`token '${stored.name}' was revoked; ask an admin for a new one`);
    if (stored.expiresAt && stored.expiresAt.getTime() <= Date.now()) {
      throw Errors.unauthorized(
        `token '${stored.name}' expired at ${stored.expiresAt.toISOString()}; ask an admin for a new one`,
      );
    }
    return { tokenId: stored.id, name: stored.name, role: stored.role, ...(stored.repId && { repId: stored.repId }) };
  }

  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    const access = accessFor(request);
    if (access === 'public') return;
    const retryAfter = failures.retryAfterSeconds(request.ip);
    if (retryAfter !== null) {
      reply.header('retry-after', String(retryAfter));
      throw Errors.tooManyFailedAuthentications(retryAfter);
    }
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw Errors.unauthorized();
    // Only a token presented and refused counts: a missing header guesses nothing, a database error refuses nothing.
    const principal = await authenticate(token).catch((error: unknown) => {
      if (error instanceof ApiError && error.statusCode === 401) failures.recordFailure(request.ip);
      throw error;
    });
    request.principal = principal;
    if (!access.includes(principal.role))
      throw Errors.forbidden(principal.role, `${request.method} ${request.routeOptions.url}`, access);
  });
}
