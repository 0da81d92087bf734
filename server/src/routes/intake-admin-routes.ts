import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppServices } from '../services/app-services.js';
import { UuidParams } from '../contract/common.js';
import {
  CreateFormBody,
  CreateWebhookSourceBody,
  FormSchema,
  SnippetQuery,
  UpdateFormBody,
  UpdateWebhookSourceBody,
  WebhookSourceSchema,
  WebhookSourceWithSecret,
} from '../contract/intake.js';
import type { TypedApp } from './typed-app.js';

const allow = ['admin', 'editor'] as const;

/** Set up the public capture channels: web forms (with their drop-in snippet) and signed webhook sources. */
export async function intakeAdminRoutes(untyped: FastifyInstance, services: AppServices): Promise<void> {
  const app = untyped as TypedApp;
  const { forms, webhookSources } = services;
  const config = { allow };

  let tags = ['forms'];
  app.get(
    '/api/forms',
    {
      config,
      schema: { summary: 'List web forms', tags, response: { 200: Type.Object({ forms: Type.Array(FormSchema) }) } },
    },
    async () => ({
      forms: await forms.list(),
    }),
  );
  app.post(
    '/api/forms',
    {
      config,
      schema: {
        summary: 'Create a web form; it gets a random public key for its page',
        tags,
        body: CreateFormBody,
        response: { 201: FormSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await forms.create(request.body)),
  );
  app.get(
    '/api/forms/:id',
    { config, schema: { summary: 'Get a web form', tags, params: UuidParams, response: { 200: FormSchema } } },
    async (request) => forms.get(request.params.id),
  );
  app.patch(
    '/api/forms/:id',
    {
      config,
      schema: {
        summary: 'Change a web form (origins, workflow, limits, active)',
        tags,
        params: UuidParams,
        body: UpdateFormBody,
        response: { 200: FormSchema },
      },
    },
    async (request) => forms.update(request.params.id, request.body),
  );
  app.delete(
    '/api/forms/:id',
    {
      config,
      schema: {
        summary: 'Delete a web form; its key stops working',
        tags,
        params: UuidParams,
        response: { 204: Type.Null({ description: 'Deleted.' }) },
      },
    },
    async (request, reply) => {
      await forms.remove(request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/forms/:id/snippet',
    {
      config,
      schema: {
        summary:
          'Drop-in HTML for the form: a <form> and a tiny inline script that posts to the public endpoint and shows the answer',
        tags,
        params: UuidParams,
        querystring: SnippetQuery,
        response: {
          200: {
            description: 'The snippet, to paste into a page.',
            content: { 'text/html': { schema: Type.String() } },
          },
        },
      },
    },
    async (request, reply) => {
      const baseUrl = request.query.baseUrl ?? `${request.protocol}://${request.host}`;
      return reply.type('text/html; charset=utf-8').send(await forms.snippet(request.params.id, baseUrl));
    },
  );

  tags = ['webhook sources'];
  app.get(
    '/api/webhook-sources',
    {
      config,
      schema: {
        summary: 'List webhook sources (secrets are never shown again)',
        tags,
        response: { 200: Type.Object({ sources: Type.Array(WebhookSourceSchema) }) },
      },
    },
    async () => ({ sources: await webhookSources.list() }),
  );
  app.post(
    '/api/webhook-sources',
    {
      config,
      schema: {
        summary: 'Create a webhook source; the answer holds its signing secret, shown only now',
        tags,
        body: CreateWebhookSourceBody,
        response: { 201: WebhookSourceWithSecret },
      },
    },
    async (request, reply) => reply.status(201).send(await webhookSources.create(request.body)),
  );
  app.get(
    '/api/webhook-sources/:id',
    {
      config,
      schema: { summary: 'Get a webhook source', tags, params: UuidParams, response: { 200: WebhookSourceSchema } },
    },
    async (request) => webhookSources.get(request.params.id),
  );
  app.patch(
    '/api/webhook-sources/:id',
    {
      config,
      schema: {
        summary: 'Change a webhook source (name, workflow, field mapping, active)',
        tags,
        params: UuidParams,
        body: UpdateWebhookSourceBody,
        response: { 200: WebhookSourceSchema },
      },
    },
    async (request) => webhookSources.update(request.params.id, request.body),
  );
  app.post(
    '/api/webhook-sources/:id/rotate',
    {
      config,
      schema: {
        summary: 'New signing secret, shown only now; the old one keeps working for 24 hours',
        tags,
        params: UuidParams,
        response: { 200: WebhookSourceWithSecret },
      },
    },
    async (request) => webhookSources.rotate(request.params.id),
  );
  app.delete(
    '/api/webhook-sources/:id',
    {
      config,
      schema: {
        summary: 'Delete a webhook source',
        tags,
        params: UuidParams,
        response: { 204: Type.Null({ description: 'Deleted.' }) },
      },
    },
    async (request, reply) => {
      await webhookSources.remove(request.params.id);
      return reply.status(204).send(null);
    },
  );
}
