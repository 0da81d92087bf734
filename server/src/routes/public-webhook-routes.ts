import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Errors } from '../errors.js';
import { prototypeKeyPath } from '../plugins/json-body.js';
import type { AppServices } from '../services/app-services.js';
import { secretsInForce, type WebhookSourceRow } from '../services/webhook-source-store.js';
import { SIGNATURE_HEADER, verifySignature } from '@leadflow/nodes';
import { refusal } from '../contract/common.js';
import { ActivityBody, ActivityResponse, WebhookLeadResponse } from '../contract/intake.js';
import type { TypedApp } from './typed-app.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The source a verified delivery came from, and what identifies the delivery (webhook routes only). */
    webhookDelivery: { source: WebhookSourceRow; digest: string } | null;
  }
}

/** Largest webhook delivery: ad platforms send a lead with its answers and ids, never files. */
export const WEBHOOK_BODY_LIMIT = 64 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const headers = Type.Object({
  [SIGNATURE_HEADER]: Type.Optional(
    Type.String({
      maxLength: 2000,
      description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the source\'s secret>',
    }),
  ),
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
const params = Type.Object({ sourceId: Type.String({ maxLength: 100 }) });
const failures = {
  401: refusal(
    'The Leadflow-Signature header is missing, malformed, wrong or stale (over 5 minutes old, or 30 seconds ahead).',
  ),
  404: refusal('No active webhook source has this id.'),
  409: refusal(
    'This signed delivery (same timestamp and body) was received before; sign a retry again with a new timestamp.',
  ),
  413: refusal('The delivery is larger than 64 KiB.'),
};

/**
 * `POST /intake/webhooks/:sourceId` (a lead) and `…/activity` (an intent event), signed by the
 * source. The signature covers the raw body, so this scope keeps the body as text and parses it
 * only once the signature holds: unsigned, badly signed or stale deliveries get 401 before their
 * JSON is even read, and a delivery seen before gets 409.
 */
export async function publicWebhookRoutes(app: FastifyInstance, services: AppServices): Promise<void> {
  await app.register(
    async (scope) => {
      scope.removeContentTypeParser('application/json');
      scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
      scope.decorateRequest('webhookDelivery', null);
      scope.addHook('onRequest', async (request) => {
        const { sourceId } = request.params as { sourceId: string };
        const source = UUID.test(sourceId) ? await services.webhookSources.findActive(sourceId) : undefined;
        if (!source) throw Errors.notFound('webhook source', sourceId);
        request.webhookDelivery = { source, digest: '' };
      });
      scope.addHook('preValidation', async (request) => {
        const delivery = request.webhookDelivery as { source: WebhookSourceRow; digest: string };
        const raw = typeof request.body === 'string' ? request.body : '';
        const signature = request.headers[SIGNATURE_HEADER];
        const check = verifySignature(
          typeof signature === 'string' ? signature : undefined,
          raw,
          secretsInForce(services.webhookSources.keyring, delivery.source),
        );
        if (!check.ok) throw Errors.badSignature(check.reason);
        delivery.digest = check.digest;
        try {
          request.body = JSON.parse(raw);
        } catch {
          throw Errors.invalidRequest([{ path: '', message: 'the body is not valid JSON' }]);
        }
        const path = prototypeKeyPath(request.body);
        if (path !== null)
          throw Errors.invalidField([
            { path, message: 'is a field name Leadflow does not take (__proto__, or constructor with prototype)' },
          ]);
      });
      const app = scope as TypedApp;
      const config = { allow: 'public' } as const;
      const tags = ['public intake'];

      app.post(
        '/:sourceId',
        {
          bodyLimit: WEBHOOK_BODY_LIMIT,
          config,
          schema: {
            summary:
              "A lead from a signed webhook delivery, mapped by the source's field mapping (or shaped like POST /api/leads)",
            tags,
            security: [],
            params,
            headers,
            body: Type.Record(Type.String(), Type.Unknown()),
            response: { 200: WebhookLeadResponse, 201: WebhookLeadResponse, 202: WebhookLeadResponse, ...failures },
          },
        },
        async (request, reply) => {
          const { source, digest } = request.webhookDelivery as { source: WebhookSourceRow; digest: string };
          const result = await services.channels.webhookLead(
            source,
            request.body,
            digest,
            request.headers['idempotency-key'],
          );
          const started = result.outcome === 'created' && result.started;
          const status = result.outcome !== 'created' ? 200 : started ? 201 : 202;
          return reply.status(status).send({ leadId: result.lead.id, outcome: result.outcome, started });
        },
      );

      app.post(
        '/:sourceId/activity',
        {
          bodyLimit: WEBHOOK_BODY_LIMIT,
          config,
          schema: {
            summary: 'An intent event (as POST /api/activity takes it) from a signed webhook delivery',
            description:
              'Answers 202 {accepted: true} whether or not a lead has that email or id; an event for no lead is dropped.',
            tags,
            security: [],
            params,
            headers,
            body: ActivityBody,
            response: { 202: ActivityResponse, ...failures },
          },
        },
        async (request, reply) => {
          const { source, digest } = request.webhookDelivery as { source: WebhookSourceRow; digest: string };
          return reply.status(202).send(await services.channels.webhookActivity(source, request.body, digest));
        },
      );
    },
    { prefix: '/intake/webhooks' },
  );
}
