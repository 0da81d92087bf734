import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerValidation } from './plugins/validation.js';
import { activityRoutes } from './routes/activity-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { inboxRoutes } from './routes/inbox-routes.js';
import { intakeAdminRoutes } from './routes/intake-admin-routes.js';
import { leadRoutes } from './routes/lead-routes.js';
import { nodeTypeRoutes } from './routes/node-type-routes.js';
import { publicFormRoutes } from './routes/public-form-routes.js';
import { publicWebhookRoutes } from './routes/public-webhook-routes.js';
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
  /** Fastify's trustProxy: whose X-Forwarded-For gives the client address. @default false */
  trustProxy?: boolean | string;
}

/** Builds the HTTP app without listening, so tests can use `app.inject()`. */
export async function buildApp(services: AppServices, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
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
  await intakeAdminRoutes(app, services);
  await activityRoutes(app, services);
  await publicFormRoutes(app, services);
  await publicWebhookRoutes(app, services);
  if (options.designerDir && existsSync(options.designerDir)) {
    await app.register(fastifyStatic, { root: options.designerDir, wildcard: false });
    app.get('/*', (_request, reply) => reply.sendFile('index.html'));
  }
  return app;
}
