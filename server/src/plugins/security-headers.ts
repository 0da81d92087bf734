import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

type Directives = Record<string, string[]>;

/**
 * The designer's policy: its own scripts, styles and API only — no inline script, no other
 * origin — and no page may frame it (clickjacking). React sets styles through the DOM, which
 * `style-src 'self'` allows; images may be data: URIs (icons in CSS). `'unsafe-eval'` because the
 * config forms check values with ajv, which compiles the JSON Schemas the server serves into
 * functions at run time (new Function) — the same validator as the server's, so both agree;
 * dropping it needs a validator that interprets schemas instead.
 */
export const DESIGNER_CSP: Directives = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'", "'unsafe-eval'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * The API docs (Swagger UI, /docs): the same without eval, which Swagger UI does not need; its
 * bundle inserts a <style> element at run time, so styles (never scripts) may be inline there.
 */
export const DOCS_CSP: Directives = {
  ...DESIGNER_CSP,
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
};

/**
 * Security headers on every answer (helmet): the CSP above, X-Frame-Options DENY, nosniff, a
 * strict referrer policy, same-origin opener and resource policies. HSTS is left to whoever
 * terminates TLS: this server usually speaks plain HTTP on loopback or behind a proxy, and an HSTS
 * header with includeSubDomains would bind every subdomain of that host. Register before routes.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (route.url === '/docs' || route.url.startsWith('/docs/')) {
      route.config = {
        ...route.config,
        helmet: { contentSecurityPolicy: { useDefaults: false, directives: DOCS_CSP } },
      } as typeof route.config;
    }
  });
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: DESIGNER_CSP },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}
