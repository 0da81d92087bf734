import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { registerPublicPlugin, registerRouteAccess, requiredAccess, routeAccessTable } from './route-access.js';

describe('route access declarations', () => {
  let app: FastifyInstance;
  afterEach(() => app?.close());

  it('fail closed: a route that declares nothing is admin-only', () => {
    expect(requiredAccess(undefined)).toEqual(['admin']);
    expect(requiredAccess('public')).toBe('public');
    expect(requiredAccess(['viewer', 'rep'])).toEqual(['viewer', 'rep']);
  });

  it('records every route with what it declared, HEAD twins of GET routes included', async () => {
    app = Fastify();
    registerRouteAccess(app);
    app.get('/a', { config: { allow: ['viewer'] } }, async () => 'a');
    app.post('/b', async () => 'b');
    await app.register(
      async (child) => {
        child.delete('/c/:id', { config: { allow: 'public' } }, async () => 'c');
      },
      { prefix: '/child' },
    );
    await app.ready();
    expect(routeAccessTable(app)).toEqual([
      { method: 'GET', url: '/a', allow: ['viewer'] },
      { method: 'HEAD', url: '/a', allow: ['viewer'] },
      { method: 'POST', url: '/b', allow: undefined },
      { method: 'DELETE', url: '/child/c/:id', allow: 'public' },
    ]);
  });

  it('states who may call a route in its OpenAPI description, and drops the security requirement of public ones', async () => {
    app = Fastify();
    registerRouteAccess(app);
    const locked = { summary: 'Locked', description: 'Does a thing.' } as Record<string, unknown>;
    const open = { summary: 'Open' } as Record<string, unknown>;
    app.get('/locked', { config: { allow: ['admin', 'editor'] }, schema: locked }, async () => 'x');
    app.get('/open', { config: { allow: 'public' }, schema: open }, async () => 'y');
    await app.ready();
    expect(locked.description).toBe('Does a thing.\n\nRoles: admin, editor.');
    expect(open.description).toBe('No token needed.');
    expect(open.security).toEqual([]);
  });

  it('makes the undeclared routes of a public plugin public, and leaves its declared ones alone', async () => {
    app = Fastify();
    registerRouteAccess(app);
    await registerPublicPlugin(app, async (scope) => {
      scope.get('/docs', async () => 'docs');
      scope.get('/docs/admin', { config: { allow: ['admin'] } }, async () => 'secret');
    });
    app.get('/outside', async () => 'x');
    await app.ready();
    const allowOf = (method: string, url: string) =>
      routeAccessTable(app).find((r) => r.method === method && r.url === url)?.allow;
    expect(allowOf('GET', '/docs')).toBe('public');
    expect(allowOf('HEAD', '/docs')).toBe('public');
    expect(allowOf('GET', '/docs/admin')).toEqual(['admin']);
    expect(allowOf('GET', '/outside')).toBeUndefined();
  });
});
