import type { FastifyInstance, RouteOptions } from 'fastify';
import type { Role } from '../contract/access.js';

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
export { ROLES, type Role } from '../contract/access.js';

// Declared where node types' routes can use it too (it adds `allow` to Fastify's route config).
import type { RouteAccess } from '@leadflow/nodes/server';

export type { RouteAccess };

/** Reads of workflows, node types and the team model: RevOps, ops and admins. */
export const READERS: readonly Role[] = ['admin', 'editor', 'viewer'];
/** Reads of leads and tasks: the readers, and reps, whom the services limit to their own. */
export const LEAD_READERS: readonly Role[] = ['admin', 'editor', 'viewer', 'rep'];
/** Changes to workflows and the team model: RevOps and admins. */
export const EDITORS: readonly Role[] = ['admin', 'editor'];

/** What a route demands once the "absent means admin only" rule is applied. */
export function requiredAccess(declared: RouteAccess | undefined): RouteAccess {
  return declared ?? ['admin'];
}

/** One registered route and what it declared (read when asked, since later hooks may still set it). */
export interface RouteAccessEntry {
  method: string;
  url: string;
  allow: RouteAccess | undefined;
}

/** A route as registered; its options object is kept because hooks that run later may still set `config.allow`. */
interface RecordedRoute {
  methods: string[];
  /** Copied at once: Fastify reuses the options object for a prefixed route's trailing-slash twin. */
  url: string;
  options: RouteOptions;
}

const registries = new WeakMap<FastifyInstance, RecordedRoute[]>();

/**
 * Records every route as it is registered, so tests can walk them all, and states in each
 * route's OpenAPI description who may call it. Register it before any route.
 */
export function registerRouteAccess(app: FastifyInstance): void {
  const routes: RecordedRoute[] = [];
  registries.set(app, routes);
  app.addHook('onRoute', (route) => {
    routes.push({
      methods: Array.isArray(route.method) ? route.method : [route.method],
      url: route.url,
      options: route,
    });
    const allow = route.config?.allow;
    // The HEAD twin of a GET route shares its schema object; OpenAPI leaves HEAD out anyway.
    if (!route.schema || allow === undefined || route.method === 'HEAD') return;
    const who = allow === 'public' ? 'No token needed.' : `Roles: ${allow.join(', ')}.`;
    route.schema.description = route.schema.description ? `${route.schema.description}\n\n${who}` : who;
    if (allow === 'public') route.schema.security = [];
  });
}

/** Every route `app` registered (HEAD routes Fastify adds for GET included), with what it declared. */
export function routeAccessTable(app: FastifyInstance): RouteAccessEntry[] {
  const routes = registries.get(app);
  if (!routes) throw new Error('registerRouteAccess(app) was not called before the routes were added');
  return routes.flatMap((route) =>
    route.methods.map((method) => ({ method, url: route.url, allow: route.options.config?.allow })),
  );
}

/**
 * Registers a plugin that serves only public, static things (the API docs, the designer's files):
 * its routes that declare nothing are public instead of admin-only.
 */
export async function registerPublicPlugin(
  app: FastifyInstance,
  plugin: (scope: FastifyInstance) => Promise<void>,
): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, allow: route.config?.allow ?? 'public' };
    });
    await plugin(scope);
  });
}
