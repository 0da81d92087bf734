import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerValidation } from './plugins/validation.js';
import { healthRoutes } from './routes/health-routes.js';
import { importRoutes } from './routes/import-routes.js';
import { inboxRoutes } from './routes/inbox-routes.js';
import { leadRoutes } from './routes/lead-routes.js';
import { nodeTypeRoutes } from './routes/node-type-routes.js';
import { teamRoutes } from './routes/team-routes.js';
import { workflowRoutes } from './routes/workflow-routes.js';
import type { AppServices } from './services/app-services.js';

export interface AppOptions {
  adminToken: string;
  /** The built designer to serve at `/`; skipped when absent. */
  designerDir?: string;
  logger?: boolean;
  /** Largest accepted request body. @default 1 MiB */
  bodyLimit?: number;
}

/** Builds the HTTP app without listening, so tests can use `app.inject()`. */
export async function buildApp(services: AppServices, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
  });
  registerValidation(app);
  registerErrorHandler(app);
  await registerOpenApi(app);
  registerAuth(app, options.adminToken);
  await healthRoutes(app, services);
  await nodeTypeRoutes(app, services);
  await workflowRoutes(app, services);
  await leadRoutes(app, services);
  await teamRoutes(app, services);
  await inboxRoutes(app, services);
  await importRoutes(app, services);
  if (options.designerDir && existsSync(options.designerDir)) {
    await app.register(fastifyStatic, { root: options.designerDir, wildcard: false });
    app.get('/*', (_request, reply) => reply.sendFile('index.html'));
  }
  return app;
}
