import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { principalOf } from '../auth/principal.js';
import { EDITORS, READERS } from '../plugins/route-access.js';
import { refusal, UuidParams } from '../contract/common.js';
import {
  BULK_LIMIT,
  BulkQuery,
  BulkRepsBody,
  BulkResult,
  CreateRepBody,
  DeleteResult,
  RepListQuery,
  RepSchema,
  UpdateRepBody,
} from '../contract/team.js';
import type { AppServices } from '../services/app-services.js';
import type { TypedApp } from './typed-app.js';

const emailTaken = refusal('Another rep has this email.');
/** Bulk bodies may be a whole org: far past the 1 MiB default. */
export const BULK_BODY_LIMIT = 16 * 1024 * 1024;

/** Reps: CRUD, bulk upsert by email, and the archive-instead-of-delete rule. */
export async function repRoutes(untyped: FastifyInstance, services: AppServices): Promise<void> {
  const app = untyped as TypedApp;
  const { reps } = services;

  app.get(
    '/api/reps',
    {
      config: { allow: READERS },
      schema: {
        summary: 'List reps (archived ones only when asked)',
        tags: ['reps'],
        querystring: RepListQuery,
        response: { 200: Type.Object({ reps: Type.Array(RepSchema) }) },
      },
    },
    async (request) => ({
      reps: await reps.list(request.query),
    }),
  );
  app.get(
    '/api/reps/:id',
    {
      config: { allow: READERS },
      schema: { summary: 'Get a rep', tags: ['reps'], params: UuidParams, response: { 200: RepSchema } },
    },
    async (request) => reps.get(request.params.id),
  );
  app.post(
    '/api/reps',
    {
      config: { allow: EDITORS },
      schema: {
        summary: 'Create a rep',
        tags: ['reps'],
        body: CreateRepBody,
        response: { 201: RepSchema, 409: emailTaken },
      },
    },
    async (request, reply) => reply.status(201).send(await reps.create(request.body, principalOf(request))),
  );
  app.patch(
    '/api/reps/:id',
    {
      config: { allow: EDITORS },
      schema: {
        summary: 'Update a rep (leads in flight keep working)',
        description:
          'Routing reads reps at every assign step: a rep made inactive, moved to another team, set to capacity 0 or out of office is skipped from the next step on; leads already owned stay owned until a step (e.g. an SLA reassign) moves them. Setting `active: true` on an archived rep restores them.',
        tags: ['reps'],
        params: UuidParams,
        body: UpdateRepBody,
        response: { 200: RepSchema, 409: emailTaken },
      },
    },
    async (request) => reps.update(request.params.id, request.body, principalOf(request)),
  );
  app.delete(
    '/api/reps/:id',
    {
      config: { allow: EDITORS },
      schema: {
        summary: 'Delete a rep, or archive one history still names',
        description:
          'A rep is never deleted out from under a lead. If accounts, territories or a team (as manager) name the rep, the answer is 409 listing them: reassign those first. If leads, assignments, tasks, notifications or tokens name the rep, the rep is archived instead (`outcome: archived`): made inactive so no step routes to them, hidden from lists, their rep tokens revoked, name kept in history; their open leads stay theirs until reassigned. A rep nothing names is removed (`outcome: deleted`).',
        tags: ['reps'],
        params: UuidParams,
        response: {
          200: DeleteResult,
          409: refusal(
            'Accounts, territories or a team (as manager) name the rep; `errors` lists them: reassign those first.',
          ),
        },
      },
    },
    async (request) => reps.remove(request.params.id, principalOf(request)),
  );
  app.post(
    '/api/reps/bulk',
    {
      config: { allow: EDITORS },
      bodyLimit: BULK_BODY_LIMIT,
      schema: {
        summary: `Create or update up to ${BULK_LIMIT} reps, matched by email`,
        description:
          'All or nothing: any problem (each reported with its path, e.g. `reps[3].email`) writes nothing. Fields an item leaves out keep their stored values; an archived rep in the batch is restored. `?dryRun=true` checks and counts without writing.',
        tags: ['reps'],
        querystring: BulkQuery,
        body: BulkRepsBody,
        response: { 200: BulkResult },
      },
    },
    async (request) => reps.bulkUpsert(request.body.reps, principalOf(request), request.query.dryRun),
  );
}
