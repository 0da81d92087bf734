import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { principalOf } from '../auth/principal.js';
import { EDITORS, ROLES } from '../plugins/route-access.js';
import {
  AuditEntrySchema,
  AuditQuery,
  CreatedTokenSchema,
  CreateTokenBody,
  MeSchema,
  TokenSchema,
} from '../contract/access.js';
import { UuidParams } from '../contract/common.js';
import type { AppServices } from '../services/app-services.js';
import type { TypedApp } from './typed-app.js';

/** Who am I, API tokens, and the audit log of who changed what. */
export async function accessRoutes(untyped: FastifyInstance, services: AppServices): Promise<void> {
  const app = untyped as TypedApp;
  const { tokens, audit } = services;

  app.get(
    '/api/me',
    {
      config: { allow: ROLES },
      schema: {
        summary: 'The calling token: its name, role and rep (the designer signs in with it)',
        tags: ['access'],
        response: { 200: MeSchema },
      },
    },
    async (request) => {
      const me = principalOf(request);
      return { tokenId: me.tokenId, name: me.name, role: me.role, repId: me.repId ?? null };
    },
  );

  app.post(
    '/api/tokens',
    {
      config: { allow: ['admin'] },
      schema: {
        summary: 'Issue a token; its secret is in this answer only (stored as a sha-256 hash)',
        tags: ['access'],
        body: CreateTokenBody,
        response: { 201: CreatedTokenSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await tokens.create(request.body, principalOf(request))),
  );

  app.get(
    '/api/tokens',
    {
      config: { allow: ['admin'] },
      schema: {
        summary: 'Every token, newest first (revoked ones too; never a secret or hash)',
        tags: ['access'],
        response: { 200: Type.Object({ tokens: Type.Array(TokenSchema) }) },
      },
    },
    async () => ({ tokens: await tokens.list() }),
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { allow: ['admin'] },
      schema: {
        summary: 'Revoke a token: refused from the next request on (again: keeps the first time)',
        tags: ['access'],
        params: UuidParams,
        response: { 200: TokenSchema },
      },
    },
    async (request) => tokens.revoke(request.params.id, principalOf(request)),
  );

  app.get(
    '/api/audit',
    {
      config: { allow: EDITORS },
      schema: {
        summary:
          'Who published which version and who changed which rep, team, territory, account or token, newest first',
        tags: ['access'],
        querystring: AuditQuery,
        response: {
          200: Type.Object({
            entries: Type.Array(AuditEntrySchema),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async (request) => audit.list(request.query),
  );
}
