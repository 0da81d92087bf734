import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { documentNodeConfigs, documentRoute, finishDocument, type NodeConfigSource } from './openapi-contract.js';
import { registerPublicPlugin } from './route-access.js';

const DESCRIPTION = [
  "Capture leads, publish lead workflows and read every lead's node-by-node history.",
  '',
  'Every error has one shape: `{ statusCode, code, error, message, errors: [{ path, message }] }`, the message naming the field or node. ' +
    "**400** means the request does not match the route's schema below; **422** means it does, but a rule refuses a field " +
    '(a reference to something that does not exist, text the database cannot store, …); **404** an id nothing has; **409** a conflict with what is stored. ' +
    'A path called with a method it does not take answers **405** with `Allow`.',
].join('\n');

/**
 * The OpenAPI document is generated from the same TypeBox schemas that validate requests; node configs
 * are added as components from `nodeTypes` (the registry, read when the document is built).
 */
export async function registerOpenApi(
  app: FastifyInstance,
  nodeTypes: () => readonly NodeConfigSource[] = () => [],
): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: 'Leadflow API', version: '0.1.0', description: DESCRIPTION },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: documentRoute as never,
    transformObject: (documents) =>
      documentNodeConfigs(finishDocument((documents as { openapiObject: object }).openapiObject), nodeTypes()),
  });
  // The docs describe the API; reading them needs no token (calling it does).
  await registerPublicPlugin(app, async (scope) => {
    await scope.register(swaggerUi, { routePrefix: '/docs' });
  });
}
