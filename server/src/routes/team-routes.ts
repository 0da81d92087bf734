import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ownerScopeOf, principalOf } from '../auth/principal.js';
import { EDITORS, LEAD_READERS, READERS } from '../plugins/route-access.js';
import type { AppServices } from '../services/app-services.js';
import { errorResponses, IdParams, OpenObject, UuidParams } from '../schemas/common.js';
import { CreateAccountBody, CreateRepBody, CreateTeamBody, RepListQuery, TerritoryBody, UpdateRepBody, UpdateTeamBody } from '../schemas/team-schemas.js';
import type { TypedApp } from './typed-app.js';

const Rep = OpenObject({ id: Type.String(), name: Type.String(), email: Type.String(), teamId: Type.Union([Type.String(), Type.Null()]), active: Type.Boolean() });
const Team = OpenObject({ id: Type.String(), name: Type.String(), managerRepId: Type.Union([Type.String(), Type.Null()]) });
const Territory = OpenObject({ id: Type.String(), name: Type.String(), priority: Type.Integer(), rules: OpenObject({}), teamId: Type.Union([Type.String(), Type.Null()]), repId: Type.Union([Type.String(), Type.Null()]) });
const Account = OpenObject({ id: Type.String(), domain: Type.String(), name: Type.String(), ownerRepId: Type.Union([Type.String(), Type.Null()]) });

/** The sales team model the assign and notify nodes route by. */
export async function teamRoutes(untyped: FastifyInstance, services: AppServices): Promise<void> {
  const app = untyped as TypedApp;
  const { teams } = services;

  app.get('/api/reps', { config: { allow: READERS }, schema: { summary: 'List reps', tags: ['reps'], querystring: RepListQuery, response: { 200: Type.Object({ reps: Type.Array(Rep) }), ...errorResponses } } }, async (request) => ({
    reps: await teams.listReps(request.query.team),
  }));
  app.post('/api/reps', { config: { allow: EDITORS }, schema: { summary: 'Create a rep', tags: ['reps'], body: CreateRepBody, response: { 201: Rep, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await teams.createRep(request.body, principalOf(request))),
  );
  app.patch(
    '/api/reps/:id',
    { config: { allow: EDITORS }, schema: { summary: 'Update a rep (leads in flight keep working)', tags: ['reps'], params: UuidParams, body: UpdateRepBody, response: { 200: Rep, ...errorResponses } } },
    async (request) => teams.updateRep(request.params.id, request.body, principalOf(request)),
  );

  app.get('/api/teams', { config: { allow: READERS }, schema: { summary: 'List teams', tags: ['teams'], response: { 200: Type.Object({ teams: Type.Array(Team) }) } } }, async () => ({ teams: await teams.listTeams() }));
  app.post('/api/teams', { config: { allow: EDITORS }, schema: { summary: 'Create a team', tags: ['teams'], body: CreateTeamBody, response: { 201: Team, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await teams.createTeam(request.body, principalOf(request))),
  );
  app.patch('/api/teams/:id', { config: { allow: EDITORS }, schema: { summary: 'Update a team', tags: ['teams'], params: IdParams, body: UpdateTeamBody, response: { 200: Team, ...errorResponses } } }, async (request) =>
    teams.updateTeam(request.params.id, request.body, principalOf(request)),
  );

  app.get('/api/accounts', { config: { allow: READERS }, schema: { summary: 'List accounts', tags: ['accounts'], response: { 200: Type.Object({ accounts: Type.Array(Account) }) } } }, async () => ({
    accounts: await teams.listAccounts(),
  }));
  app.post('/api/accounts', { config: { allow: EDITORS }, schema: { summary: 'Create an account (domain → owner, for lead-to-account matching)', tags: ['accounts'], body: CreateAccountBody, response: { 201: Account, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await teams.createAccount(request.body, principalOf(request))),
  );

  app.get('/api/territories', { config: { allow: READERS }, schema: { summary: 'List territories in the order they are checked', tags: ['territories'], response: { 200: Type.Object({ territories: Type.Array(Territory) }) } } }, async () => ({
    territories: await services.territories.list(),
  }));
  app.post('/api/territories', { config: { allow: EDITORS }, schema: { summary: 'Create a territory (rules → team or rep)', tags: ['territories'], body: TerritoryBody, response: { 201: Territory, ...errorResponses } } }, async (request, reply) =>
    reply.status(201).send(await services.territories.create(request.body, principalOf(request))),
  );

  const Task = OpenObject({ id: Type.String(), leadId: Type.String(), repId: Type.Union([Type.String(), Type.Null()]), title: Type.String(), dueAt: Type.String(), status: Type.String() });
  app.get(
    '/api/tasks',
    {
      config: { allow: LEAD_READERS },
      schema: {
        summary: 'Tasks made by task nodes, soonest due first',
        tags: ['tasks'],
        querystring: Type.Object({ rep: Type.Optional(Type.String({ format: 'uuid' })), lead: Type.Optional(Type.String({ format: 'uuid' })), status: Type.Optional(Type.Enum(['open', 'done'])) }, { additionalProperties: false }),
        response: { 200: Type.Object({ tasks: Type.Array(Task) }), ...errorResponses },
      },
    },
    async (request) => ({ tasks: await services.tasks.list(request.query, ownerScopeOf(request)) }),
  );
  app.post(
    '/api/tasks/:id/complete',
    {
      config: { allow: ['admin', 'rep'] },
      schema: { summary: 'Mark a task done; the lead\'s run receives a task_completed event', tags: ['tasks'], params: UuidParams, response: { 200: Task, ...errorResponses } },
    },
    async (request) => services.tasks.complete(request.params.id, ownerScopeOf(request)),
  );
}
