import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../services/app-services.js';
import type { NodePackage } from './load-node-package.js';

/**
 * Each node package's own routes, in a Fastify scope of its own under /api/packages/<name>: the
 * scope inherits Leadflow's auth (a route's `config.allow`, admin-only when absent), validation,
 * error answers and OpenAPI document, so a package's route is held to the same rules as ours.
 */
export async function nodePackageRoutes(
  app: FastifyInstance,
  services: AppServices,
  packages: readonly NodePackage[],
): Promise<void> {
  for (const pkg of packages) {
    const routes = pkg.routes;
    if (!routes) continue;
    await app.register(async (scope) => routes(scope, { db: services.db }), { prefix: `/api/packages/${pkg.name}` });
  }
}
