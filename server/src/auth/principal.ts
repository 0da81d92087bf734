import type { FastifyRequest } from 'fastify';
import { Errors } from '../errors.js';
import type { Role } from '../plugins/route-access.js';
import type { OwnerScope } from '../services/owner-scope.js';

/** Who is calling: the token the request carried, resolved by the auth hook. */
export interface Principal {
  /** Null for the bootstrap admin token from LEADFLOW_ADMIN_TOKEN, which has no row. */
  tokenId: string | null;
  name: string;
  role: Role;
  /** The rep a rep token acts for. */
  repId?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on every route that is not public; null on public ones. */
    principal: Principal | null;
  }
}

/** The name the env admin token goes by in audit rows and version authors. */
export const BOOTSTRAP_ADMIN: Principal = Object.freeze({ tokenId: null, name: 'admin', role: 'admin' });

/** The caller of a non-public route (the auth hook has run, so there is one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw Errors.unauthorized();
  return request.principal;
}

/** What the caller may reach among leads, tasks and inboxes: a rep token only its rep's; others everything. */
export function ownerScopeOf(request: FastifyRequest): OwnerScope | undefined {
  const principal = principalOf(request);
  return principal.role === 'rep' && principal.repId ? { repId: principal.repId } : undefined;
}
