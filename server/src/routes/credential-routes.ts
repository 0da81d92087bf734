import { CREDENTIAL_KIND_NAMES, CREDENTIAL_KINDS } from '@leadflow/engine';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { principalOf } from '../auth/principal.js';
import { EDITORS } from '../plugins/route-access.js';
import { refusal, UuidParams } from '../contract/common.js';
import {
  CreateCredentialBody,
  CredentialKindsSchema,
  CredentialSchema,
  RenameCredentialBody,
  ReplaceSecretBody,
} from '../contract/credentials.js';
import type { AppServices } from '../services/app-services.js';
import type { TypedApp } from './typed-app.js';

const tags = ['credentials'];
const config = { allow: EDITORS };

/** Secrets node configs name by id: written through the API, never read back. */
export async function credentialRoutes(untyped: FastifyInstance, services: AppServices): Promise<void> {
  const app = untyped as TypedApp;
  const { credentials } = services;
  // What a designer form asks for, per kind: the schemas the create and replace bodies are checked against.
  const kinds = CREDENTIAL_KIND_NAMES.map((kind) => {
    const schema = CREDENTIAL_KINDS[kind] as unknown as Record<string, unknown> & {
      title: string;
      description: string;
    };
    return { kind, title: schema.title, description: schema.description, schema };
  });
  app.get(
    '/api/credential-kinds',
    {
      config,
      schema: {
        summary: 'The kinds of credential and the JSON Schema of what each holds',
        tags,
        response: { 200: CredentialKindsSchema },
      },
    },
    async () => ({ kinds }),
  );
  app.get(
    '/api/credentials',
    {
      config,
      schema: {
        summary: 'List credentials (never their secrets)',
        tags,
        response: { 200: Type.Object({ credentials: Type.Array(CredentialSchema) }) },
      },
    },
    async () => ({
      credentials: await credentials.list(),
    }),
  );
  app.get(
    '/api/credentials/:id',
    {
      config,
      schema: {
        summary: 'One credential (never its secret)',
        tags,
        params: UuidParams,
        response: { 200: CredentialSchema },
      },
    },
    async (request) => credentials.get(request.params.id),
  );
  app.post(
    '/api/credentials',
    {
      config,
      schema: {
        summary: 'Store a secret as a credential node configs can name',
        tags,
        body: CreateCredentialBody,
        response: { 201: CredentialSchema, 409: refusal('A credential with this name exists.') },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await credentials.create(request.body as never, principalOf(request))),
  );
  app.put(
    '/api/credentials/:id/secret',
    {
      config,
      schema: {
        summary: 'Replace the secret (the nodes naming the credential use the new one from their next step)',
        tags,
        params: UuidParams,
        body: ReplaceSecretBody,
        response: { 200: CredentialSchema },
      },
    },
    async (request) => credentials.replaceSecret(request.params.id, request.body.secret, principalOf(request)),
  );
  app.patch(
    '/api/credentials/:id',
    {
      config,
      schema: {
        summary: 'Rename a credential',
        tags,
        params: UuidParams,
        body: RenameCredentialBody,
        response: { 200: CredentialSchema, 409: refusal('A credential with this name exists.') },
      },
    },
    async (request) => credentials.rename(request.params.id, request.body.name, principalOf(request)),
  );
  app.delete(
    '/api/credentials/:id',
    {
      config,
      schema: {
        summary: 'Delete a credential no workflow names (409 names those that do)',
        tags,
        params: UuidParams,
        response: { 204: Type.Null(), 409: refusal('Workflows still name it; the answer lists them.') },
      },
    },
    async (request, reply) => {
      await credentials.remove(request.params.id, principalOf(request));
      return reply.status(204).send(null);
    },
  );
}
