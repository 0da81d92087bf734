import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ownerScopeOf } from '../auth/principal.js';
import { Errors } from '../errors.js';
import type { Role } from '../plugins/route-access.js';
import type { AppServices } from '../services/app-services.js';
import type { InboxItem } from '../services/inbox-feed.js';
import { ErrorSchema, errorResponses, OpenObject } from '../schemas/common.js';
import type { TypedApp } from './typed-app.js';

/** A comment line this often keeps proxies and load balancers from closing a quiet stream. */
export const INBOX_HEARTBEAT_MS = 15_000;

const tags = ['inbox'];
const RepParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const NotificationParams = Type.Object({ id: Type.String({ format: 'uuid' }), notificationId: Type.String({ format: 'uuid' }) });
const InboxQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: 'Only notifications not yet read.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
const InboxItemSchema = OpenObject({
  id: Type.String(),
  leadId: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

/** A rep's inbox is theirs alone (admins may look in for support). */
const INBOX_READERS: readonly Role[] = ['admin', 'rep'];

/** The rep whose inbox is asked for, once the caller may open it: to a rep token other reps' inboxes do not exist. */
function inboxRep(request: FastifyRequest, repId: string): string {
  const scope = ownerScopeOf(request);
  if (scope && scope.repId !== repId) throw Errors.notFound('rep', repId);
  return repId;
}

const sse = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** A rep's in-app inbox (what notify nodes send to the `inbox` channel), listed and pushed live. */
export async function inboxRoutes(untyped: FastifyInstance, services: AppServices): Promise<void> {
  const app = untyped as TypedApp;
  const { inbox } = services;
  /** Ends every open stream; a server shutting down must not wait for clients to hang up. */
  const openStreams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...openStreams]) end();
  });
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
        response: { 200: Type.Object({ notifications: Type.Array(InboxItemSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ notifications: await inbox.list(inboxRep(request, request.params.id), request.query) }),
  );

  app.post(
    '/api/reps/:id/inbox/:notificationId/read',
    {
      config: { allow: INBOX_READERS },
      schema: { summary: 'Mark an inbox notification read (again: keeps the first time)', tags, params: NotificationParams, response: { 200: InboxItemSchema, ...errorResponses } },
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
          `from any worker. A comment line every ${INBOX_HEARTBEAT_MS / 1000} s keeps the connection open. List the inbox after \`ready\` to catch up.`,
        tags,
        params: RepParams,
        response: {
          200: { description: 'An endless text/event-stream.', content: { 'text/event-stream': { schema: Type.String() } } },
          ...errorResponses,
          503: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const raw = reply.raw;
      let ended = false;
      const write = (chunk: string): void => {
        if (!ended) raw.write(chunk);
      };
      // Subscribing first: an unknown rep or an unreachable database is still a JSON error.
      const unsubscribe = await inbox.subscribe(inboxRep(request, request.params.id), (item: InboxItem) => write(sse('notification', item)));
      reply.hijack();
      let heartbeat: NodeJS.Timeout | undefined;
      const end = (): void => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        openStreams.delete(end);
        raw.end();
      };
      if (request.raw.socket.destroyed) return end();
      openStreams.add(end);
      raw.on('close', end);
      raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      write(`retry: 3000\n${sse('ready', { repId: request.params.id })}`);
      heartbeat = setInterval(() => write(': heartbeat\n\n'), INBOX_HEARTBEAT_MS);
    },
  );
}
