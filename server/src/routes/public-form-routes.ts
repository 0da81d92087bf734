import cors from '@fastify/cors';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Errors } from '../errors.js';
import type { AppServices } from '../services/app-services.js';
import type { FormRow } from '../services/form-store.js';
import { refusal } from '../contract/common.js';
import { FormPostBody, FormPostResponse } from '../contract/intake.js';
import { WaitQuery } from '../contract/leads.js';
import type { TypedApp } from './typed-app.js';
import { localeCountry } from '../services/locale-country.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The active form the URL's public key opened (public form routes only). */
    intakeForm: FormRow | null;
  }
}

/** Largest form post: a form is a few short fields, and anything bigger is not a person typing. */
export const FORM_BODY_LIMIT = 16 * 1024;

const THANKS = 'Thank you! We received your details.';

/** The key from the POST route's param, or from the path the preflight route (`/intake/forms*`) matched. */
const keyOf = (request: FastifyRequest): string => {
  const params = request.params as { publicKey?: string; '*'?: string };
  return params.publicKey ?? (params['*'] ?? '').replace(/^\//, '');
};

const wantsJson = (request: FastifyRequest): boolean => (request.headers.accept ?? '').includes('application/json');

/**
 * `POST /intake/forms/:publicKey`, for pages on the public internet: no token, only the form's
 * public key. Checked in this order: the key (404), the Origin (403; CORS headers only for the
 * form's own origins, preflight included), the per-IP rate limit (429), the body size (413), then
 * the fields (400/422). A filled honeypot is answered like a success and nothing is kept.
 */
export async function publicFormRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  await app.register(
    async (scope) => {
      // Every route here is public, the preflight route @fastify/cors adds included: a page has no token.
      scope.addHook('onRoute', (route) => {
        route.config = { ...route.config, allow: route.config?.allow ?? 'public' };
      });
      scope.decorateRequest('intakeForm', null);
      scope.addHook('onRequest', async (request) => {
        const form = await services.forms.findActiveByKey(keyOf(request));
        if (!form) throw Errors.notFound('form', keyOf(request));
        request.intakeForm = form;
        const origin = request.headers.origin;
        if (request.method === 'POST' && origin !== undefined && !form.allowed_origins.includes(origin))
          throw Errors.originNotAllowed(origin);
      });
      await scope.register(cors, {
        delegator: async (request: FastifyRequest) => {
          const origin = request.headers.origin;
          const allowed = origin !== undefined && (request.intakeForm?.allowed_origins.includes(origin) ?? false);
          // Another origin gets no CORS headers at all, and its preflight finds no route.
          return allowed
            ? { origin, methods: ['POST'], allowedHeaders: ['Content-Type', 'Accept'], maxAge: 600 }
            : { origin: false };
        },
      });
      await scope.register(formbody);
      await scope.register(rateLimit, { global: false });

      (scope as TypedApp).post(
        '/:publicKey',
        {
          bodyLimit: FORM_BODY_LIMIT,
          config: {
            allow: 'public',
            rateLimit: {
              max: async (request) => request.intakeForm?.rate_limit_per_minute ?? 1,
              timeWindow: 60_000,
              // Per form and address: a flood on one form leaves other forms, and other people, alone.
              keyGenerator: (request) => `${request.intakeForm?.id}|${request.ip}`,
              errorResponseBuilder: (_request, context) => Errors.rateLimited(Math.ceil(context.ttl / 1000)),
            },
          },
          schema: {
            summary:
              "Post a web form (JSON or URL-encoded) with the form's public key; ?wait=assignment answers with the rep the lead was routed to",
            description:
              'The answer has the same shape whether or not the email was already a lead; ' +
              'with ?wait=assignment the rep is named only when this post created the lead ' +
              '(a known email answers owner: null, timedOut: false).',
            tags: ['public intake'],
            security: [],
            params: Type.Object({ publicKey: Type.String({ maxLength: 100 }) }),
            querystring: WaitQuery,
            body: FormPostBody,
            response: {
              200: FormPostResponse,
              303: Type.Null({
                description:
                  'Posted as a plain HTML form (no Accept: application/json) to a form with a redirectUrl: the browser is sent there.',
              }),
              403: refusal("The page's Origin is not one of the form's allowed origins."),
              404: refusal('No active form has this public key.'),
              413: refusal('The post is larger than 16 KiB.'),
              422: refusal(
                "The workflow's capture node refuses the lead (a required field missing, an email that is not one); `errors` names each.",
              ),
              429: refusal(
                'More posts from this address to this form than its rate limit allows in a minute; see Retry-After.',
              ),
            },
          },
        },
        async (request, reply) => {
          const form = request.intakeForm as FormRow;
          const { wait, waitSeconds } = request.query;
          const waitMs = wait === 'assignment' ? (waitSeconds ?? 10) * 1000 : null;
          const outcome = await services.channels.form(
            form,
            request.body,
            waitMs,
            localeCountry(request.headers['accept-language']),
          );
          // A bot sees the same answer as a person: nothing tells it the trap was sprung. And a rep is
          // named only to whoever created the lead with this post: an address already known (or a
          // trap) answers like a new lead routed to no one, so a form is no way to ask who is a lead.
          const created = !outcome.honeypot && outcome.result.outcome === 'created';
          const routed = created
            ? (outcome.result.assignment ?? { owner: null, timedOut: true })
            : { owner: null, timedOut: false };
          if (form.redirect_url && !wantsJson(request)) return reply.redirect(form.redirect_url, 303);
          return reply.status(200).send({ ok: true, message: THANKS, ...(waitMs !== null && routed) });
        },
      );
    },
    { prefix: '/intake/forms' },
  );
}
