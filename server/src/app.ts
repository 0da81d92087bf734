import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Readiness } from './lifecycle/readiness.js';
import { leadAwareChildLogger } from './observability/http-observability.js';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerJsonBody } from './plugins/json-body.js';
import { isApiPath, registerMethodNotAllowed } from './plugins/method-not-allowed.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerOperations } from './plugins/operations.js';
import { registerPublicPlugin, registerRouteAccess } from './plugins/route-access.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { registerStorableText } from './plugins/storable-text.js';
import { registerValidation } from './plugins/validation.js';
import { accessRoutes } from './routes/access-routes.js';
import { codecRoutes } from './routes/codec-routes.js';
import { credentialRoutes } from './routes/credential-routes.js';
import { activityRoutes } from './routes/activity-routes.js';
import { eventTypeRoutes } from './routes/event-type-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { importRoutes } from './routes/import-routes.js';
import { inboxRoutes } from './routes/inbox-routes.js';
import { intakeAdminRoutes } from './routes/intake-admin-routes.js';
import { leadRoutes } from './routes/lead-routes.js';
import { metricsRoutes } from './routes/metrics-routes.js';
import { nodeTypeRoutes } from './routes/node-type-routes.js';
import { publicFormRoutes } from './routes/public-form-routes.js';
import { publicWebhookRoutes } from './routes/public-webhook-routes.js';
import { repRoutes } from './routes/rep-routes.js';
import { nodeServerRoutes } from './node-packages/node-server-routes.js';
import type { NodePackage } from './node-packages/load-node-package.js';
import { teamRoutes } from './routes/team-routes.js';
import { workflowRoutes } from './routes/workflow-routes.js';
import { MAX_PARAM_LENGTH } from './contract/common.js';
import type { FailedAuthLimitOptions } from './auth/failed-auth-limit.js';
import type { AppServices } from './services/app-services.js';

export interface AppOptions {
  adminToken: string;
  /** The built designer to serve at `/`; skipped when absent. */
  designerDir?: string;
  logger?: boolean;
  /** A pino logger to log requests through (overrides `logger`). */
  loggerInstance?: FastifyBaseLogger;
  /** What `/readyz` reports; the process's shutdown turns it to draining. Default: a fresh one. */
  readiness?: Readiness;
  /** Largest accepted request body. @default 1 MiB */
  bodyLimit?: number;
  /** Fastify's trustProxy: whose X-Forwarded-For gives the client address. @default false */
  trustProxy?: boolean | string;
  /** Refused tokens one address may present before it is refused with 429. @default 10 a minute */
  failedAuthLimit?: FailedAuthLimitOptions;
  /** Browser origins (the Temporal Web UI) that may call the codec endpoint. @default the embedded UI's */
  codecCorsOrigins?: readonly string[];
  /** Node packages whose routes to serve under /api/packages/<name>. @default none */
  nodePackages?: readonly NodePackage[];
}

/** The Temporal Web UI the embedded dev server serves, which may call /codec from the browser. */
const EMBEDDED_TEMPORAL_UI = ['http://127.0.0.1:8233', 'http://localhost:8233'];

/** Builds the HTTP app without listening, so tests can use `app.inject()`. */
export async function buildApp(services: AppServices, options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance, childLoggerFactory: leadAwareChildLogger }
      : { logger: options.logger ?? false }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    // Every path parameter's schema has a maxLength below this, so a long one is a 400 naming it, not a bare 414.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // Room for every query string the schemas allow, even percent-encoded (up to 12 bytes a character), not a bare 431.
    http: { maxHeaderSize: 128 * 1024 },
  });
  registerRouteAccess(app);
  // First among the request hooks, so every answer carries the headers, early refusals (405) too.
  await registerSecurityHeaders(app);
  registerMethodNotAllowed(app);
  registerValidation(app);
  registerErrorHandler(app);
  registerJsonBody(app);
  registerStorableText(app);
  await registerOpenApi(app, () => services.registry.all());
  registerAuth(app, options.adminToken, services.tokens, options.failedAuthLimit);
  await healthRoutes(app, services);
  await registerOperations(app, services, options.readiness);
  await nodeTypeRoutes(app, services);
  await workflowRoutes(app, services);
  await leadRoutes(app, services);
  await eventTypeRoutes(app, services);
  await repRoutes(app, services);
  await teamRoutes(app, services);
  await inboxRoutes(app, services);
  await importRoutes(app, services);
  await intakeAdminRoutes(app, services);
  await activityRoutes(app, services);
  await publicFormRoutes(app, services);
  await publicWebhookRoutes(app, services);
  await metricsRoutes(app, services);
  await accessRoutes(app, services);
  await credentialRoutes(app, services);
  await codecRoutes(app, services.codec, options.codecCorsOrigins ?? EMBEDDED_TEMPORAL_UI);
  await nodeServerRoutes(app, services, options.nodePackages ?? []);
  const designerDir = options.designerDir;
  if (designerDir && existsSync(designerDir)) {
    await registerPublicPlugin(app, async (scope) => {
      await scope.register(fastifyStatic, {
        root: designerDir,
        wildcard: false,
        // The designer build writes .br and .gz beside each asset: sent as is, never compressed per request.
        preCompressed: true,
        // Built assets carry a content hash in their names; index.html must be fetched fresh to find them.
        setHeaders: (reply, filePath) =>
          reply.header(
            'cache-control',
            filePath.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
          ),
      });
      // The designer routes in the browser; unknown API and intake paths stay JSON 404s (or 405s).
      scope.get('/*', (request, reply) =>
        isApiPath(request.url) ? reply.callNotFound() : reply.sendFile('index.html'),
      );
    });
  }
  return app;
}
