import { METHODS } from 'node:http';
import type { FastifyInstance } from 'fastify';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import { MAX_PARAM_LENGTH } from '../contract/common.js';

/**
 * Paths the designer's catch-all page route never serves: there, a route is an API route or none.
 * (The designer's own pages, `/intake` among them, are not here.)
 */
const API_PATH = /^\/(?:api|docs|healthz|intake\/forms|intake\/webhooks)(?:[/?]|$)/;

export const isApiPath = (path: string): boolean => API_PATH.test(path);

/** How many segments of a route's path are parameters or a wildcard: fewer is more specific. */
const looseness = (url: string): number =>
  url.split('/').filter((segment) => segment.startsWith(':') || segment.includes('*')).length;

/**
 * A request whose path exists under other methods only is answered 405 with `Allow` listing the
 * methods the path takes (RFC 9110), not 404: the path is right, the method is not. So is one
 * that only a parameter route of its method would take while the path is a fixed route of
 * another (`GET /api/reps/bulk` is not rep 'bulk'). Runs before the token check, like the public
 * API document that lists the same routes.
 */
export function registerMethodNotAllowed(app: FastifyInstance): void {
  // A second router holding the same routes, to ask which methods a path has.
  const routes = FindMyWay({ maxParamLength: MAX_PARAM_LENGTH });
  const noop = (): void => undefined;
  app.addHook('onRoute', (route) => {
    for (const method of (Array.isArray(route.method) ? route.method : [route.method]).map(
      (name) => name.toUpperCase() as HTTPMethod,
    )) {
      // Fastify registers a HEAD twin per GET; a route added twice needs one entry.
      if (!routes.hasRoute(method, route.url)) routes.on(method, route.url, noop, { url: route.url });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const matches = new Map<string, string>();
    for (const method of METHODS) {
      const url = (routes.find(method as HTTPMethod, path)?.store as { url: string } | undefined)?.url;
      // The designer's page route ('/*') answers any other path; it says nothing about API paths.
      if (url !== undefined && !(url === '/*' && isApiPath(path))) matches.set(method, url);
    }
    if (matches.size === 0) return;
    const best = Math.min(...[...matches.values()].map(looseness));
    const own = matches.get(request.method);
    if (own !== undefined && (looseness(own) === best || best > 0)) return;
    const allow = [...matches]
      .filter(([, url]) => looseness(url) === best)
      .map(([method]) => method)
      .join(', ');
    return reply
      .status(405)
      .header('allow', allow)
      .send({
        statusCode: 405,
        code: 'METHOD_NOT_ALLOWED',
        error: 'Method Not Allowed',
        message: `${request.method} is not a method of ${path}; it takes ${allow}`,
      });
  });
}
