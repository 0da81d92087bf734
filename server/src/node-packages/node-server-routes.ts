import { type NodeServerContext, nodeServerParts } from '@leadflow/nodes/server';
import type { FastifyInstance } from 'fastify';
import { ownerScopeOf } from '../auth/principal.js';
import { Errors } from '../errors.js';
import type { AppServices } from '../services/app-services.js';
import { afterPosition, cursorTime, decodeCursor, keysetPage } from '../services/keyset-cursor.js';
import type { NodePackage } from './load-node-package.js';

/** What a node type's routes get from Leadflow: the database, the lead event path, the rep scope, errors, paging. */
function nodeServerContext(services: AppServices): NodeServerContext {
  return {
    db: services.db,
    postLeadEvent: async (leadId, event) => {
      await services.events.post(leadId, event);
    },
    repScopeOf: ownerScopeOf,
    notFound: Errors.notFound,
    paging: { afterPosition, cursorTime, decodeCursor, keysetPage },
  };
}

/**
 * The routes of node types that keep data: Leadflow's own at the paths they give, each node
 * package's in a Fastify scope of its own under /api/packages/<name>. Every scope inherits
 * Leadflow's auth (a route's `config.allow`, admin-only when absent), validation, error answers and
 * OpenAPI document, so a node's route is held to the same rules as ours.
 */
export async function nodeServerRoutes(
  app: FastifyInstance,
  services: AppServices,
  packages: readonly NodePackage[],
): Promise<void> {
  const context = nodeServerContext(services);
  for (const part of nodeServerParts) if (part.routes) await part.routes(app, context);
  for (const pkg of packages) {
    const routes = pkg.server?.routes;
    if (!routes) continue;
    await app.register(async (scope) => routes(scope, context), { prefix: `/api/packages/${pkg.name}` });
  }
}
