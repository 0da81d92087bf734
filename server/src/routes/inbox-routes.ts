import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ownerScopeOf } from '../auth/principal.js';
import { Errors } from '../errors.js';
import type { Role } from '../plugins/route-access.js';
import type { AppServices } from '../services/app-services.js';
import { type InboxItem, InboxItemSchema, InboxPageSchema } from '../contract/inbox.js';
import { refusal } from '../contract/common.js';
import { EventStreams, eventStreamResponse, SSE_HEARTBEAT_MS } from './event-streams.js';
import type { TypedApp } from './typed-app.js';

const tags = ['inbox'];
const Uuid = Type.String({ format: 'uuid', maxLength: 36 });
const RepParams = Type.Object({ id: Uuid });
const NotificationParams = Type.Object({ id: Uuid, notificationId: Uuid });
const InboxQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: 'Only notifications not yet read.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the page before.' })),
  },
  { additionalProperties: false },
);

/** A rep's inbox is theirs alone (admins may look in for support). */
const INBOX_READERS: readonly Role[] = ['admin', 'rep'];

/** The rep whose inbox is asked for, once the caller may open it: to a rep token other reps' inboxes do not exist. */
function inboxRep(request: FastifyRequest, repId: string): string {
  const scope = ownerScopeOf(request);
  if (scope && scope.repId !== repId) throw Errors.notFound('rep', repId);
  return repId;
}

/** A rep's in-app inbox (what notify nodes send to the `inbox` channel), listed and pushed live. */
export async function inboxRoutes(untyped: FastifyInstance, services: AppServices): Promise<void> {
  const app = untyped as TypedApp;
  const { inbox } = services;
  const streams = new EventStreams(untyped);
  app.addHook('onClose', async () => inbox.close());

  app.get(
    '/api/reps/:id/inbox',
    {
      config: { allow: INBOX_READERS },
      schema: {
        summary: "A rep's in-app inbox, newest first",
        tags,
        params: RepParams,
        querystring: InboxQuery,
        response: { 200: InboxPageSchema },
      },
    },
    async (request) => inbox.list(inboxRep(request, request.params.id), request.query),
  );

  app.post(
    '/api/reps/:id/inbox/:notificationId/read',
    {
      config: { allow: INBOX_READERS },
      schema: {
        summary: 'Mark an inbox notification read (again: keeps the first time)',
        tags,
        params: NotificationParams,
        response: { 200: InboxItemSchema },
      },
    },
    async (request) => inbox.markRead(inboxRep(request, request.params.id), request.params.notificationId),
  );

  app.get(
    '/api/reps/:id/inbox/stream',
    {
      config: { allow: INBOX_READERS },
      schema: {
        summary: "Server-Sent Events: a rep's new inbox notifications as they are written",
        description:
          'Sends `event: ready` once live, then `event: notification` with an inbox item as JSON data for each new notification for the rep, ' +
          `from any worker. A comment line every ${SSE_HEARTBEAT_MS / 1000} s keeps the connection open. List the inbox after \`ready\` to catch up.`,
        tags,
        params: RepParams,
        response: {
          200: eventStreamResponse(
            'An endless text/event-stream: `ready` once live, then `notification` per new inbox item.',
            {
              ready: Type.Object({ repId: Type.String({ format: 'uuid' }) }),
              notification: InboxItemSchema,
            },
          ),
          503: refusal('Live inbox updates cannot reach the database right now; list the inbox instead.'),
        },
      },
    },
    async (request, reply) =>
      streams.stream(
        request,
        reply,
        (send) =>
          inbox.subscribe(inboxRep(request, request.params.id), (item: InboxItem) => send('notification', item)),
        { event: 'ready', data: { repId: request.params.id } },
      ),
  );
}
