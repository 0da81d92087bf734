import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { registerPublicPlugin } from './route-access.js';

/** The OpenAPI document is generated from the same TypeBox schemas that validate requests. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: 'Leadflow API', version: '0.1.0', description: 'Capture leads, publish lead workflows and read every lead\'s node-by-node history.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  // The docs describe the API; reading them needs no token (calling it does).
  await registerPublicPlugin(app, async (scope) => {
    await scope.register(swaggerUi, { routePrefix: '/docs' });
  });
}
