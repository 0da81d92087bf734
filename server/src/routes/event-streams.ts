import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type TSchema, Type } from 'typebox';

/** A comment line this often keeps proxies and load balancers from closing a quiet stream. */
export const SSE_HEARTBEAT_MS = 15_000;

const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

export type SendEvent = (event: string, data: unknown) => void;

const frame = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Server-Sent Event streams of one route module. `open` subscribes before taking over the
 * response, so an unknown id or an unreachable database is still a JSON error; every open stream
 * is ended when the server closes, which must not wait for clients to hang up.
 */
export class EventStreams {
  private readonly open = new Set<() => void>();

  constructor(app: FastifyInstance) {
    app.addHook('preClose', async () => {
      for (const end of [...this.open]) end();
    });
  }

  async stream(
    request: FastifyRequest,
    reply: FastifyReply,
    subscribe: (send: SendEvent) => Promise<() => void>,
    ready: { event: string; data: unknown },
  ): Promise<void> {
    const raw = reply.raw;
    let ended = false;
    const write = (chunk: string): void => {
      if (!ended) raw.write(chunk);
    };
    const unsubscribe = await subscribe((event, data) => write(frame(event, data)));
    reply.hijack();
    if (request.method === 'HEAD') {
      // Fastify answers HEAD for every GET route; a stream's HEAD is its headers, then done.
      unsubscribe();
      raw.writeHead(200, STREAM_HEADERS);
      raw.end();
      return;
    }
    let heartbeat: NodeJS.Timeout | undefined;
    const end = (): void => {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      unsubscribe();
      this.open.delete(end);
      raw.end();
    };
    if (request.raw.socket.destroyed) return end();
    this.open.add(end);
    raw.on('close', end);
    raw.writeHead(200, STREAM_HEADERS);
    write(`retry: 3000\n${frame(ready.event, ready.data)}`);
    heartbeat = setInterval(() => write(': heartbeat\n\n'), SSE_HEARTBEAT_MS);
  }
}

/**
 * The OpenAPI response of a stream route: each event (`event`, its `data` as JSON text, and the
 * `retry` the first one carries) by its name, with the schema of its data.
 */
export function eventStreamResponse(description: string, events: Record<string, TSchema>) {
  const event = (name: string, data: TSchema) => ({
    type: 'object',
    required: ['event', 'data'],
    properties: {
      event: { type: 'string', enum: [name] },
      data: { type: 'string', contentMediaType: 'application/json', contentSchema: data },
      retry: { type: 'integer', minimum: 0 },
      id: { type: 'string' },
    },
  });
  return {
    description,
    content: {
      'text/event-stream': { schema: { anyOf: Object.entries(events).map(([name, data]) => event(name, data)) } },
    },
  };
}

/** `GET /api/leads/stream`: which leads changed. */
export const leadStreamResponse = eventStreamResponse(
  'An endless text/event-stream: `ready` once live, then `leads` per change.',
  {
    ready: Type.Object({}),
    leads: Type.Object({
      ids: Type.Union([Type.Array(Type.String({ format: 'uuid' })), Type.Null()], {
        description: 'null: many changed, or some may have been missed; reload.',
      }),
    }),
  },
);
