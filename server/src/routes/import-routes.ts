import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { refusal, UuidParams } from '../contract/common.js';
import {
  CsvBody,
  ImportErrorPage,
  ImportErrorsQuery,
  ImportListQuery,
  ImportQuery,
  ImportSchema,
  MappingSuggestion,
  MappingSuggestionBody,
} from '../contract/imports.js';
import { autoMapping, mappableFields } from '../services/imports/column-mapping.js';
import type { AppServices } from '../services/app-services.js';
import type { TypedApp } from './typed-app.js';

const tags = ['imports'];
const CSV_TYPES = ['text/csv', 'application/csv'];

/** Who started an import: the caller's token name once tokens have names, else the admin token. */
const caller = (request: FastifyRequest): string =>
  (request as { principal?: { name?: string } | null }).principal?.name ?? 'admin';

/** CSV import: upload a file, follow its progress, page through its row errors, cancel it. */
export async function importRoutes(untyped: FastifyInstance, services: AppServices): Promise<void> {
  const { imports } = services;
  untyped.addHook('onClose', () => imports.stop());

  // A scope of its own, so only this route takes text/csv, and as a stream rather than a parsed body.
  await untyped.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(CSV_TYPES, (_request, payload, done) => done(null, payload));
    (scope as TypedApp).post(
      '/api/imports',
      {
        config: { allow: ['admin', 'editor'] },
        schema: {
          summary:
            'Import leads from a CSV file (streamed; answers 202 once the file is stored and its header checked, then imports in the background)',
          tags,
          consumes: CSV_TYPES,
          querystring: ImportQuery,
          body: CsvBody,
          response: {
            202: ImportSchema,
            404: refusal('The workflow named does not exist.'),
            409: refusal('Two imports already run on this server; start this one when one has finished.'),
            413: refusal('The file is larger than 200 MiB; split it.'),
            422: refusal(
              'The file, its header, the mapping, the workflow or another option cannot be used; `errors` names each, and nothing is stored.',
            ),
          },
        },
      },
      async (request, reply) => {
        const started = await imports.accept(request.body as Readable, request.query, caller(request));
        return reply.status(202).header('location', `/api/imports/${started.id}`).send(started);
      },
    );
  });

  const app = untyped as TypedApp;
  const readers = { allow: ['admin', 'editor', 'viewer'] } as const;
  app.get(
    '/api/imports',
    {
      config: readers,
      schema: {
        summary: 'List imports, newest first, with a cursor',
        tags,
        querystring: ImportListQuery,
        response: {
          200: Type.Object({ imports: Type.Array(ImportSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
        },
      },
    },
    async (request) => imports.store.list(request.query),
  );
  app.post(
    '/api/imports/mapping',
    {
      config: { allow: ['admin', 'editor'] },
      schema: {
        summary:
          'The fields a CSV column can fill, and the mapping an import of a file with this header would use if given none',
        tags,
        body: MappingSuggestionBody,
        response: { 200: MappingSuggestion },
      },
    },
    async (request) => ({ fields: mappableFields(), mapping: autoMapping(request.body.header) }),
  );
  app.get(
    '/api/imports/:id',
    {
      config: readers,
      schema: {
        summary: "An import's status, row counts and pace; poll it while the import runs",
        tags,
        params: UuidParams,
        response: { 200: ImportSchema },
      },
    },
    async (request) => imports.store.get(request.params.id),
  );
  app.get(
    '/api/imports/:id/errors',
    {
      config: readers,
      schema: {
        summary: 'The rows an import refused, in file order: row number, field, column and why',
        tags,
        params: UuidParams,
        querystring: ImportErrorsQuery,
        response: { 200: ImportErrorPage },
      },
    },
    async (request) => imports.store.errors(request.params.id, request.query),
  );
  app.delete(
    '/api/imports/:id',
    {
      config: { allow: ['admin', 'editor'] },
      schema: {
        summary: 'Cancel a running import: the batch in flight is rolled back, rows already imported stay',
        tags,
        params: UuidParams,
        response: { 200: ImportSchema, 409: refusal('The import has already ended.') },
      },
    },
    async (request) => imports.store.cancel(request.params.id),
  );
}
