import { LEAD_FIELDS, portsOf } from '@leadflow/engine';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { READERS } from '../plugins/route-access.js';
import type { AppServices } from '../services/app-services.js';
import { OpenObject } from '../schemas/common.js';

const NodeTypeSchema = OpenObject({
  type: Type.String(),
  version: Type.Integer(),
  latest: Type.Boolean(),
  title: Type.String(),
  category: Type.String(),
  description: Type.String(),
  icon: Type.String(),
  kind: Type.Enum(['control', 'activity']),
  entry: Type.Boolean(),
  waits: Type.Boolean(),
  configSchema: Type.Unknown({ description: 'JSON Schema of the node\'s config: the designer builds its form from it.' }),
  defaultConfig: Type.Unknown(),
  ports: Type.Array(OpenObject({ name: Type.String() }), { description: 'Ports for the default config; some node types compute ports from config.' }),
  dynamicPorts: Type.Boolean(),
});

const LeadFieldSchema = Type.Object({ name: Type.String(), type: Type.String() }, { description: 'A lead field that conditions and templates can read.' });

/** The node catalog: what the designer's palette and forms are built from. */
export async function nodeTypeRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  app.get(
    '/api/node-types',
    {
      schema: {
        summary: 'Every node type and version, with its config JSON Schema and ports, and the lead fields conditions can read',
        tags: ['node types'],
        response: { 200: Type.Object({ nodeTypes: Type.Array(NodeTypeSchema), leadFields: Type.Array(LeadFieldSchema) }) },
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
