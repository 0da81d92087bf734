import { describe, expect, it } from 'vitest';
import { documentNodeConfigs } from './openapi-contract.js';

describe('documentNodeConfigs', () => {
  const node = {
    type: 'object',
    properties: { id: {}, type: {}, typeVersion: {}, position: {}, config: { type: 'object' } },
  };
  const document = {
    paths: {
      '/api/workflows/{id}/draft': {
        put: {
          requestBody: { content: { 'application/json': { schema: { properties: { nodes: { items: node } } } } } },
        },
      },
    },
  };
  const nodeTypes = [
    {
      type: 'assign',
      version: 2,
      title: 'Assign',
      configSchema: { type: 'object', properties: { team: { type: 'string' } } },
    },
    { type: 'pkg/lookup', version: 1, title: 'Lookup', configSchema: { type: 'object' } },
  ];

  it('adds each node type config as a component and their union, and names on a node config which applies, without changing the route schema', () => {
    const documented = documentNodeConfigs(document as never, nodeTypes) as unknown as {
      paths: typeof document.paths;
      components: { schemas: Record<string, { title: string }> };
    };
    expect(Object.keys(documented.components.schemas)).toEqual([
      'NodeConfig_assign_v2',
      'NodeConfig_pkg_lookup_v1',
      'NodeConfig',
    ]);
    expect(documented.components.schemas.NodeConfig).toMatchObject({
      anyOf: [
        { $ref: '#/components/schemas/NodeConfig_assign_v2' },
        { $ref: '#/components/schemas/NodeConfig_pkg_lookup_v1' },
      ],
    });
    expect(documented.components.schemas.NodeConfig_assign_v2?.title).toBe('Assign (assign v2) config');
    const config = (
      documented.paths['/api/workflows/{id}/draft'].put.requestBody.content['application/json'].schema.properties.nodes
        .items.properties as Record<string, unknown>
    ).config;
    // Any object, as the API takes it: the union would promise refusals the API does not make.
    expect(config).not.toHaveProperty('anyOf');
    expect(config).toMatchObject({
      type: 'object',
      'x-node-configs': {
        'assign@2': '#/components/schemas/NodeConfig_assign_v2',
        'pkg/lookup@1': '#/components/schemas/NodeConfig_pkg_lookup_v1',
      },
    });
    expect(node.properties.config).toEqual({ type: 'object' });
  });
});
