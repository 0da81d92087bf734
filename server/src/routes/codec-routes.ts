import type { Payload } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { LeadflowPayloadCodec } from '@leadflow/engine/crypto';
import type { TypedApp } from './typed-app.js';

/** A payload as Temporal's codec-server protocol carries it: metadata values and data in base64. */
const JsonPayload = Type.Object({
  metadata: Type.Optional(Type.Record(Type.String(), Type.String())),
  data: Type.Optional(Type.String()),
});
const Payloads = Type.Object({ payloads: Type.Array(JsonPayload, { maxItems: 1000 }) });

const fromJson = (payload: { metadata?: Record<string, string>; data?: string }): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
  ),
  data: Buffer.from(payload.data ?? '', 'base64'),
});
const toJson = (payload: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [
      key,
      Buffer.from(value ?? new Uint8Array()).toString('base64'),
    ]),
  ),
  data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
});

/**
 * Temporal's remote codec protocol (`POST /codec/decode`, `/codec/encode`), so the Temporal Web UI
 * or CLI pointed at it shows decrypted payloads. Admins only; browsers at `corsOrigins` (the UI)
 * may call it. An erased lead's payloads stay unreadable here too.
 */
export async function codecRoutes(
  untyped: FastifyInstance,
  codec: LeadflowPayloadCodec,
  corsOrigins: readonly string[],
): Promise<void> {
  await untyped.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const origin = request.headers.origin;
        if (origin && corsOrigins.includes(origin)) {
          reply.header('access-control-allow-origin', origin);
          reply.header('access-control-allow-credentials', 'true');
          reply.header('access-control-allow-headers', 'authorization, content-type, x-namespace');
          reply.header('access-control-allow-methods', 'POST, OPTIONS');
          reply.header('vary', 'origin');
        }
      });
      scope.options('/*', { config: { allow: 'public' }, schema: { hide: true } }, async (_request, reply) =>
        reply.status(204).send(),
      );
      const app = scope as TypedApp;
      for (const direction of ['decode', 'encode'] as const) {
        app.post(
          `/${direction}`,
          {
            config: { allow: ['admin'] },
            schema: {
              summary:
                direction === 'decode'
                  ? 'Decrypt Temporal payloads (codec server protocol), for the Temporal Web UI'
                  : 'Encrypt Temporal payloads (codec server protocol)',
              tags: ['temporal codec'],
              body: Payloads,
              response: { 200: Payloads },
            },
          },
          async (request) => {
            const payloads = request.body.payloads.map(fromJson);
            try {
              return {
                payloads: (direction === 'decode' ? await codec.decode(payloads) : await codec.encode(payloads)).map(
                  toJson,
                ),
              };
            } catch (error) {
              throw Object.assign(new Error(error instanceof Error ? error.message : String(error)), {
                statusCode: 422,
              });
            }
          },
        );
      }
    },
    { prefix: '/codec' },
  );
}
