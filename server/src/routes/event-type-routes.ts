import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { principalOf } from '../auth/principal.js';
import { EDITORS, LEAD_READERS } from '../plugins/route-access.js';
import { refusal } from '../contract/common.js';
import { CreateEventTypeBody, EventTypeParams, EventTypeSchema, UpdateEventTypeBody } from '../contract/event-types.js';
import type { AppServices } from '../services/app-services.js';
import type { TypedApp } from './typed-app.js';

const tags = ['event types'];
const builtIn = refusal('The type is built in and cannot be changed.');

/** The event catalog: what a workflow may wait for and a caller may post to a lead. */
export async function eventTypeRoutes(untyped: FastifyInstance, services: AppServices): Promise<void> {
  const app = untyped as TypedApp;
  const { eventTypes } = services;

  app.get(
    '/api/event-types',
    {
      config: { allow: [...LEAD_READERS, 'capture'] },
      schema: {
        summary: 'The event catalog: built-in event types and the custom ones declared here',
        tags,
        response: { 200: Type.Object({ eventTypes: Type.Array(EventTypeSchema) }) },
      },
    },
    async () => ({ eventTypes: await eventTypes.list() }),
  );
  app.get(
    '/api/event-types/:name',
    {
      config: { allow: [...LEAD_READERS, 'capture'] },
      schema: { summary: 'One event type', tags, params: EventTypeParams, response: { 200: EventTypeSchema } },
    },
    async (request) => eventTypes.get(request.params.name),
  );
  app.post(
    '/api/event-types',
    {
      config: { allow: EDITORS },
      schema: {
        summary:
          'Declare a custom event type (optionally with a JSON Schema for its data); workflows may then wait for it and callers post it',
        tags,
        body: CreateEventTypeBody,
        response: { 201: EventTypeSchema, 409: refusal('An event type (built-in or custom) has this name.') },
      },
    },
    async (request, reply) => reply.status(201).send(await eventTypes.create(request.body, principalOf(request))),
  );
  app.patch(
    '/api/event-types/:name',
    {
      config: { allow: EDITORS },
      schema: {
        summary: "Change a custom event type's label, description or data schema",
        tags,
        params: EventTypeParams,
        body: UpdateEventTypeBody,
        response: { 200: EventTypeSchema, 409: builtIn },
      },
    },
    async (request) => eventTypes.update(request.params.name, request.body, principalOf(request)),
  );
  app.delete(
    '/api/event-types/:name',
    {
      config: { allow: EDITORS },
      schema: {
        summary: 'Delete a custom event type that no workflow draft or version waits for or reads (409 names them)',
        tags,
        params: EventTypeParams,
        response: {
          204: Type.Null({ description: 'Deleted.' }),
          409: refusal(
            'The type is built in, or a workflow draft or version waits for or reads it; `errors` names them.',
          ),
        },
      },
    },
    async (request, reply) => {
      await eventTypes.remove(
        request.params.name,
        (name) => services.workflows.eventTypeUsers(name),
        principalOf(request),
      );
      return reply.status(204).send(null);
    },
  );
}
