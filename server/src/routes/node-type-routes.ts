import { LEAD_FIELDS, portsOf } from '@leadflow/engine';
import type { FastifyInstance } from 'fastify';
import { READERS } from '../plugins/route-access.js';
import type { AppServices } from '../services/app-services.js';
import { NodeCatalogSchema } from '../contract/node-types.js';

/** The node catalog: what the designer's palette and forms are built from. */
export async function nodeTypeRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  app.get(
    '/api/node-types',
    {
      schema: {
        summary:
          'Every node type and version, with its config JSON Schema and ports, and the lead fields conditions can read',
        tags: ['node types'],
        response: { 200: NodeCatalogSchema },
      },
      config: { allow: READERS },
    },
    async () => ({
      leadFields: Object.entries(LEAD_FIELDS).map(([name, type]) => ({ name, type })),
      nodeTypes: services.registry.all().map((definition) => ({
        type: definition.type,
        version: definition.version,
        latest: services.registry.latest(definition.type)?.version === definition.version,
        title: definition.title,
        category: definition.category,
        description: definition.description,
        icon: definition.icon,
        kind: definition.kind,
        entry: definition.entry ?? false,
        waits: definition.waits ?? false,
        configSchema: definition.configSchema,
        defaultConfig: definition.defaultConfig,
        ports: portsOf(definition, definition.defaultConfig),
        dynamicPorts: typeof definition.ports === 'function',
      })),
    }),
  );
}
