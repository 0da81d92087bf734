/**
 * Who may call a route. Every route declares it in `config.allow`; a route that declares nothing
 * is admin-only, so a forgotten declaration fails closed.
 *
 * - admin: everything, including tokens.
 * - editor (RevOps): edit and publish workflows, manage the team model.
 * - viewer (ops): read leads, history and metrics.
 * - rep: their own leads and inbox.
 * - capture: intake only.
 * - 'public': no token at all (health, public form and webhook intake, which check their own keys).
 */
export type Role = 'admin' | 'editor' | 'viewer' | 'rep' | 'capture';

export const ROLES: readonly Role[] = ['admin', 'editor', 'viewer', 'rep', 'capture'];

export type RouteAccess = readonly Role[] | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    allow?: RouteAccess;
  }
}
