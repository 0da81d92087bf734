import { ErrorSchema } from '../contract/common.js';

/**
 * What makes the OpenAPI document a contract a fuzzer (schemathesis) can hold the server to:
 * every answer the framework and the shared plugins give is documented on every route that can
 * give it, and routes that create ids link to the routes that take them.
 */

type Schema = Record<string, unknown> & { response?: Record<string, unknown>; hide?: boolean };

interface SwaggerRoute {
  method: string | string[];
  url: string;
  bodyLimit?: number;
  config?: { allow?: unknown };
}

const error = (description: string) => ({ ...ErrorSchema, description });

/** Answers the shared plugins give, by what a route takes; a route's own description of one wins. */
const STANDARD = {
  400: error(
    "The request does not match this route's schema (a field missing, unknown or of the wrong type, a body that is not JSON); `errors` names each.",
  ),
  401: error('No token, or one Leadflow did not issue or has revoked.'),
  403: error("The token's role may not call this route."),
  404: error('Nothing with this id (a rep token sees only its own leads, tasks and inbox).'),
  413: error('The body is larger than this route takes.'),
  415: error("The body's Content-Type is not one this route reads."),
  422: error(
    'The request matches the schema, but a rule refuses a field — text the database cannot store (a NUL character), a reference to something that does not exist, ' +
      'a value the route checks beyond its type; `errors` names each.',
  ),
};

/**
 * Per route, as @fastify/swagger builds the document: a route without a schema (the designer's
 * pages and files) is not part of the API; every other gets the standard answers it can give.
 */
export function documentRoute({ schema, url, route }: { schema?: Schema; url: string; route: SwaggerRoute }): {
  schema: Schema;
  url: string;
} {
  if (!schema) return { schema: { hide: true }, url };
  const takes = (part: string): boolean => schema[part] !== undefined;
  const standard: Array<keyof typeof STANDARD> = [];
  if (takes('body') || takes('querystring') || takes('params') || takes('headers')) standard.push(400, 422);
  if (route.config?.allow !== 'public') standard.push(401, 403);
  if (takes('params')) standard.push(404);
  if (takes('body')) standard.push(413, 415);
  const response: Record<string, unknown> = { ...schema.response };
  for (const status of standard) response[status] ??= STANDARD[status];
  return { schema: { ...schema, response }, url };
}

/** An id one operation answers with, and the operations (by path prefix) that take it. */
interface LinkRule {
  from: string;
  statuses: number[];
  /** Paths equal to this or below it take the id. */
  to: string;
  /** Link parameters: path parameter → runtime expression. */
  parameters: Record<string, string>;
}

const body = (pointer: string): string => `$response.body#${pointer}`;

/** Which creations feed which routes, so the stateful phase chains create → read → change → delete. */
export const LINK_RULES: LinkRule[] = [
  { from: 'POST /api/leads', statuses: [200, 201, 202], to: '/api/leads/{id}', parameters: { id: body('/lead/id') } },
  { from: 'POST /api/workflows', statuses: [201], to: '/api/workflows/{id}', parameters: { id: body('/id') } },
  {
    from: 'POST /api/workflows/{id}/duplicate',
    statuses: [201],
    to: '/api/workflows/{id}',
    parameters: { id: body('/id') },
  },
  {
    from: 'POST /api/workflows/{id}/publish',
    statuses: [201],
    to: '/api/workflows/{id}/versions/{version}',
    parameters: { id: body('/workflowId'), version: body('/version') },
  },
  { from: 'POST /api/reps', statuses: [201], to: '/api/reps/{id}', parameters: { id: body('/id') } },
  {
    from: 'GET /api/reps/{id}/inbox',
    statuses: [200],
    to: '/api/reps/{id}/inbox/{notificationId}',
    parameters: { id: '$request.path.id', notificationId: body('/notifications/0/id') },
  },
  { from: 'POST /api/teams', statuses: [201], to: '/api/teams/{id}', parameters: { id: body('/id') } },
  { from: 'POST /api/territories', statuses: [201], to: '/api/territories/{id}', parameters: { id: body('/id') } },
  { from: 'POST /api/accounts', statuses: [201], to: '/api/accounts/{id}', parameters: { id: body('/id') } },
  { from: 'POST /api/forms', statuses: [201], to: '/api/forms/{id}', parameters: { id: body('/id') } },
  {
    from: 'POST /api/forms',
    statuses: [201],
    to: '/intake/forms/{publicKey}',
    parameters: { publicKey: body('/publicKey') },
  },
  {
    from: 'POST /api/webhook-sources',
    statuses: [201],
    to: '/api/webhook-sources/{id}',
    parameters: { id: body('/id') },
  },
  {
    from: 'POST /api/webhook-sources',
    statuses: [201],
    to: '/intake/webhooks/{sourceId}',
    parameters: { sourceId: body('/id') },
  },
  { from: 'POST /api/tokens', statuses: [201], to: '/api/tokens/{id}', parameters: { id: body('/id') } },
  {
    from: 'POST /api/event-types',
    statuses: [201],
    to: '/api/event-types/{name}',
    parameters: { name: body('/name') },
  },
  { from: 'POST /api/imports', statuses: [202], to: '/api/imports/{id}', parameters: { id: body('/id') } },
  { from: 'GET /api/tasks', statuses: [200], to: '/api/tasks/{id}', parameters: { id: body('/tasks/0/id') } },
];

type Operation = {
  operationId?: string;
  requestBody?: { required?: boolean };
  [OPTIONAL_BODY]?: boolean;
  responses?: Record<string, { links?: Record<string, unknown> }>;
};
type OpenApiDocument = { paths?: Record<string, Record<string, Operation>> };

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
/** `get /api/leads/{id}/history` → `getApiLeadsIdHistory`: stable, so links and clients can name operations. */
const operationId = (path: string, method: string): string =>
  `${method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase())}`;

/**
 * Set on a route schema whose body may be left out (@fastify/swagger marks every body required);
 * an `x-` key, so the generator copies it to the operation, where finishDocument reads and drops it.
 */
export const OPTIONAL_BODY = 'x-optional-body';

/** Names every operation and marks the bodies that may be left out, then adds the links LINK_RULES describe (only between operations the document has). */
export function finishDocument<T extends OpenApiDocument>(document: T): T {
  const paths = document.paths ?? {};
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!HTTP_METHODS.has(method)) continue;
      operation.operationId ??= operationId(path, method);
      if (operation[OPTIONAL_BODY] && operation.requestBody) operation.requestBody.required = false;
      delete operation[OPTIONAL_BODY];
    }
  }
  for (const rule of LINK_RULES) {
    const [fromMethod = '', fromPath = ''] = rule.from.split(' ');
    const producer = paths[fromPath]?.[fromMethod.toLowerCase()];
    if (!producer) throw new Error(`link rule from '${rule.from}': no such operation in the API document`);
    const targets = Object.entries(paths).filter(([path]) => path === rule.to || path.startsWith(`${rule.to}/`));
    if (targets.length === 0) throw new Error(`link rule to '${rule.to}': no such path in the API document`);
    for (const status of rule.statuses) {
      const response = producer.responses?.[status];
      if (!response) throw new Error(`link rule from '${rule.from}': it does not document a ${status}`);
      for (const [path, operations] of targets) {
        for (const method of Object.keys(operations).filter((name) => HTTP_METHODS.has(name))) {
          const names = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
          const parameters = Object.fromEntries(
            names.filter((name) => name in rule.parameters).map((name) => [name, rule.parameters[name]]),
          );
          const target = operations[method]?.operationId as string;
          response.links = { ...response.links, [target]: { operationId: target, parameters } };
        }
      }
    }
  }
  return document;
}

/** What documenting node configs needs of a node type: the registry's definitions have it. */
export interface NodeConfigSource {
  type: string;
  version: number;
  title: string;
  configSchema: unknown;
}

/** `assign`, 2 → `NodeConfig_assign_v2` (component names take letters, digits, `.`, `-` and `_`). */
export const nodeConfigComponent = (type: string, version: number): string =>
  `NodeConfig_${type.replace(/[^A-Za-z0-9._-]/g, '_')}_v${version}`;

const isGraphNode = (schema: Record<string, unknown>): boolean => {
  const properties = schema.properties as Record<string, unknown> | undefined;
  return !!properties && ['id', 'type', 'typeVersion', 'position', 'config'].every((key) => key in properties);
};

/**
 * Documents each node type's config as its own component (`NodeConfig_<type>_v<version>`), their
 * union as `NodeConfig`, and on a graph node's `config` which one applies to which `type` and
 * `typeVersion` (`x-node-configs`). A draft may be unfinished, so the routes take any object as a
 * config and the compiler checks it and names each problem: the node's `config` stays an object in
 * the document rather than the union, which would promise a refusal the API does not make. Builds
 * new objects rather than changing the route schemas the document was generated from.
 */
export function documentNodeConfigs<T extends OpenApiDocument & { components?: { schemas?: Record<string, unknown> } }>(
  document: T,
  nodeTypes: readonly NodeConfigSource[],
): T {
  if (nodeTypes.length === 0) return document;
  const schemas: Record<string, unknown> = {};
  const byTypeVersion: Record<string, string> = {};
  for (const nodeType of nodeTypes) {
    const name = nodeConfigComponent(nodeType.type, nodeType.version);
    schemas[name] = {
      ...(JSON.parse(JSON.stringify(nodeType.configSchema)) as object),
      title: `${nodeType.title} (${nodeType.type} v${nodeType.version}) config`,
    };
    byTypeVersion[`${nodeType.type}@${nodeType.version}`] = `#/components/schemas/${name}`;
  }
  schemas.NodeConfig = {
    title: 'A node config, by node type and version',
    anyOf: Object.values(byTypeVersion).map(($ref) => ({ $ref })),
    'x-node-configs': byTypeVersion,
  };
  const config = {
    type: 'object',
    description:
      "The node's settings: the config of its type and version (components NodeConfig_<type>_v<version>; x-node-configs maps `<type>@<typeVersion>` to it). Checked when the graph is compiled, not when a draft is saved.",
    'x-node-configs': byTypeVersion,
  };
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!value || typeof value !== 'object') return value;
    const copy = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rewrite(inner)]));
    return isGraphNode(copy) ? { ...copy, properties: { ...(copy.properties as object), config } } : copy;
  };
  return {
    ...document,
    paths: rewrite(document.paths) as T['paths'],
    components: { ...document.components, schemas: { ...document.components?.schemas, ...schemas } },
  };
}
