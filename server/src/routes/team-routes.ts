import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { principalOf } from '../auth/principal.js';
import { EDITORS, READERS } from '../plugins/route-access.js';
import type { AppServices } from '../services/app-services.js';
import { IdParams, refusal, UuidParams } from '../contract/common.js';
import {
  AccountSchema,
  BULK_LIMIT,
  BulkAccountsBody,
  BulkQuery,
  BulkResult,
  BulkTeamsBody,
  BulkTerritoriesBody,
  CreateAccountBody,
  CreateTeamBody,
  DeleteResult,
  TEAM_MODEL_SCHEMAS,
  type TeamModelEntity,
  TeamModelSchemasSchema,
  TeamSchema,
  TerritoryBody,
  TerritorySchema,
  UpdateAccountBody,
  UpdateTeamBody,
  UpdateTerritoryBody,
} from '../contract/team.js';
import { BULK_BODY_LIMIT } from './rep-routes.js';
import type { TypedApp } from './typed-app.js';

const deleted = { outcome: 'deleted' as const };
const domainTaken = refusal('Another account has this domain.');
const bulk = (what: string, key: string) => ({
  summary: `Create or update up to ${BULK_LIMIT} ${what}, matched by ${key}`,
  description:
    'All or nothing: any problem (each reported with its path, e.g. `' +
    what +
    '[3].' +
    key +
    '`) writes nothing. `?dryRun=true` checks and counts without writing.',
  tags: [what],
  querystring: BulkQuery,
  response: { 200: BulkResult },
});

/** The sales team model the assign and notify nodes route by: teams, territories, accounts (reps: rep-routes.ts). */
export async function teamRoutes(untyped: FastifyInstance, services: AppServices): Promise<void> {
  const app = untyped as TypedApp;
  const { teams, territories, accounts } = services;

  app.get(
    '/api/team-model/schemas',
    {
      config: { allow: READERS },
      schema: {
        summary:
          'The JSON Schemas the create routes validate reps, teams, territories and accounts with (the designer builds its forms from them)',
        tags: ['teams'],
        response: { 200: TeamModelSchemasSchema },
      },
    },
    // Plain JSON Schema objects once serialized (TypeBox's markers are not enumerable).
    async () => TEAM_MODEL_SCHEMAS as unknown as Record<TeamModelEntity, Record<string, unknown>>,
  );

  app.get(
    '/api/teams',
    {
      config: { allow: READERS },
      schema: {
        summary: 'List teams',
        tags: ['teams'],
        response: { 200: Type.Object({ teams: Type.Array(TeamSchema) }) },
      },
    },
    async () => ({ teams: await teams.list() }),
  );
  app.get(
    '/api/teams/:id',
    {
      config: { allow: READERS },
      schema: { summary: 'Get a team', tags: ['teams'], params: IdParams, response: { 200: TeamSchema } },
    },
    async (request) => teams.get(request.params.id),
  );
  app.post(
    '/api/teams',
    {
      config: { allow: EDITORS },
      schema: {
        summary: 'Create a team',
        tags: ['teams'],
        body: CreateTeamBody,
        response: { 201: TeamSchema, 409: refusal('A team with this id exists.') },
      },
    },
    async (request, reply) => reply.status(201).send(await teams.create(request.body, principalOf(request))),
  );
  app.patch(
    '/api/teams/:id',
    {
      config: { allow: EDITORS },
      schema: {
        summary: 'Update a team',
        tags: ['teams'],
        params: IdParams,
        body: UpdateTeamBody,
        response: { 200: TeamSchema },
      },
    },
    async (request) => teams.update(request.params.id, request.body, principalOf(request)),
  );
  app.delete(
    '/api/teams/:id',
    {
      config: { allow: EDITORS },
      schema: {
        summary: 'Delete a team nothing routes to',
        description:
          'Refused with 409, naming each, while active reps belong to the team, territories route to it, leads in flight belong to it, or a published workflow version (the latest, or one leads still run on) names it. Archived reps leave the team with it.',
        tags: ['teams'],
        params: IdParams,
        response: {
          200: DeleteResult,
          409: refusal(
            'Active reps, territories, leads in flight or a published workflow version use the team; `errors` names each.',
          ),
        },
      },
    },
    async (request) => (await teams.remove(request.params.id, principalOf(request)), deleted),
  );
  app.post(
    '/api/teams/bulk',
    { config: { allow: EDITORS }, bodyLimit: BULK_BODY_LIMIT, schema: { ...bulk('teams', 'id'), body: BulkTeamsBody } },
    async (request) => teams.bulkUpsert(request.body.teams, principalOf(request), request.query.dryRun),
  );

  app.get(
    '/api/accounts',
    {
      config: { allow: READERS },
      schema: {
        summary: 'List accounts',
        tags: ['accounts'],
        response: { 200: Type.Object({ accounts: Type.Array(AccountSchema) }) },
      },
    },
    async () => ({
      accounts: await accounts.list(),
    }),
  );
  app.get(
    '/api/accounts/:id',
    {
      config: { allow: READERS },
      schema: { summary: 'Get an account', tags: ['accounts'], params: UuidParams, response: { 200: AccountSchema } },
    },
    async (request) => accounts.get(request.params.id),
  );
  app.post(
    '/api/accounts',
    {
      config: { allow: EDITORS },
      schema: {
        summary: 'Create an account (domain → owner, for lead-to-account matching)',
        tags: ['accounts'],
        body: CreateAccountBody,
        response: { 201: AccountSchema, 409: domainTaken },
      },
    },
    async (request, reply) => reply.status(201).send(await accounts.create(request.body, principalOf(request))),
  );
  app.patch(
    '/api/accounts/:id',
    {
      config: { allow: EDITORS },
      schema: {
        summary: 'Update an account',
        tags: ['accounts'],
        params: UuidParams,
        body: UpdateAccountBody,
        response: { 200: AccountSchema, 409: domainTaken },
      },
    },
    async (request) => accounts.update(request.params.id, request.body, principalOf(request)),
  );
  app.delete(
    '/api/accounts/:id',
    {
      config: { allow: EDITORS },
      schema: {
        summary: 'Delete an account no lead is matched to',
        description:
          'Refused with 409 while leads are matched to the account; clear its owner instead to stop account routing.',
        tags: ['accounts'],
        params: UuidParams,
        response: { 200: DeleteResult, 409: refusal('Leads are matched to the account.') },
      },
    },
    async (request) => (await accounts.remove(request.params.id, principalOf(request)), deleted),
  );
  app.post(
    '/api/accounts/bulk',
    {
      config: { allow: EDITORS },
      bodyLimit: BULK_BODY_LIMIT,
      schema: { ...bulk('accounts', 'domain'), body: BulkAccountsBody },
    },
    async (request) => accounts.bulkUpsert(request.body.accounts, principalOf(request), request.query.dryRun),
  );

  app.get(
    '/api/territories',
    {
      config: { allow: READERS },
      schema: {
        summary: 'List territories in the order they are checked',
        tags: ['territories'],
        response: { 200: Type.Object({ territories: Type.Array(TerritorySchema) }) },
      },
    },
    async () => ({
      territories: await territories.list(),
    }),
  );
  app.get(
    '/api/territories/:id',
    {
      config: { allow: READERS },
      schema: {
        summary: 'Get a territory',
        tags: ['territories'],
        params: IdParams,
        response: { 200: TerritorySchema },
      },
    },
    async (request) => territories.get(request.params.id),
  );
  app.post(
    '/api/territories',
    {
      config: { allow: EDITORS },
      schema: {
        summary: 'Create a territory (rules → team or rep)',
        tags: ['territories'],
        body: TerritoryBody,
        response: { 201: TerritorySchema, 409: refusal('A territory with this id exists.') },
      },
    },
    async (request, reply) => reply.status(201).send(await territories.create(request.body, principalOf(request))),
  );
  app.patch(
    '/api/territories/:id',
    {
      config: { allow: EDITORS },
      schema: {
        summary: 'Update a territory (naming a team clears the rep and vice versa)',
        tags: ['territories'],
        params: IdParams,
        body: UpdateTerritoryBody,
        response: { 200: TerritorySchema },
      },
    },
    async (request) => territories.update(request.params.id, request.body, principalOf(request)),
  );
  app.delete(
    '/api/territories/:id',
    {
      config: { allow: EDITORS },
      schema: {
        summary: 'Delete a territory',
        description: 'Refused with 409 while a published workflow version names it.',
        tags: ['territories'],
        params: IdParams,
        response: { 200: DeleteResult, 409: refusal('A published workflow version names the territory.') },
      },
    },
    async (request) => (await territories.remove(request.params.id, principalOf(request)), deleted),
  );
  app.post(
    '/api/territories/bulk',
    {
      config: { allow: EDITORS },
      bodyLimit: BULK_BODY_LIMIT,
      schema: { ...bulk('territories', 'id'), body: BulkTerritoriesBody },
    },
    async (request) => territories.bulkUpsert(request.body.territories, principalOf(request), request.query.dryRun),
  );
}
