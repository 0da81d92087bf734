import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ownerScopeOf, principalOf } from '../auth/principal.js';
import { LEAD_READERS } from '../plugins/route-access.js';
import type { AppServices } from '../services/app-services.js';
import { refusal, UuidParams } from '../contract/common.js';
import {
  CaptureBody,
  CaptureResponse,
  EventBody,
  EventResponse,
  IdempotencyHeaders,
  LeadErasedSchema,
  LeadHistorySchema,
  LeadListQuery,
  LeadPageSchema,
  LeadSchema,
  LeadStateSchema,
  OutcomeCatalogSchema,
  WaitQuery,
} from '../contract/leads.js';
import { assertCaptureMayPost } from '../services/event-types/capture-events.js';
import { localeCountry } from '../services/locale-country.js';
import { OUTCOME_CATALOG } from '../services/rep-outcomes.js';
import { captureReply } from './capture-reply.js';
import { EventStreams, leadStreamResponse } from './event-streams.js';
import type { TypedApp } from './typed-app.js';

const tags = ['leads'];

/** Capture, list, read and signal leads, and read their node-by-node history. */
export async function leadRoutes(untyped: FastifyInstance, services: AppServices): Promise<void> {
  const app = untyped as TypedApp;
  const streams = new EventStreams(untyped);
  app.addHook('onClose', async () => services.leadChanges.close());

  app.post(
    '/api/leads',
    {
      config: { allow: ['admin', 'capture'] },
      schema: {
        summary:
          "Capture a lead: validated and normalized by the workflow's capture node; a known email (or, with capture v2, the same company domain and name) joins the existing lead",
        tags,
        headers: IdempotencyHeaders,
        querystring: WaitQuery,
        body: CaptureBody,
        response: {
          200: {
            ...CaptureResponse,
            description:
              'A duplicate (joined to the lead with the same email or person key) or a replay of the same Idempotency-Key.',
          },
          201: { ...CaptureResponse, description: 'A new lead, its run started.' },
          202: {
            ...CaptureResponse,
            description: 'A new lead, kept; its run starts as soon as Temporal is reachable.',
          },
          404: refusal('The workflow named does not exist.'),
          409: refusal('The workflow is archived, or none was named and no default workflow is set.'),
          422: refusal(
            "The workflow's capture node refuses the lead (a required field missing, an email that is not one), or the Idempotency-Key was used with another request; `errors` names each.",
          ),
        },
      },
    },
    async (request, reply) => {
      const options = {
        idempotencyKey: request.headers['idempotency-key'],
        hints: { localeCountry: localeCountry(request.headers['accept-language']) },
      };
      const { wait, waitSeconds } = request.query;
      const result =
        wait === 'assignment'
          ? await services.intake.captureAwaitingAssignment(request.body, options, (waitSeconds ?? 10) * 1000)
          : await services.intake.capture(request.body, options);
      const { status, body } = captureReply(result, principalOf(request).role !== 'capture');
      return reply.status(status).send(body);
    },
  );

  app.get(
    '/api/leads',
    {
      config: { allow: LEAD_READERS },
      schema: {
        summary: 'List leads, newest first, with filters and a cursor',
        tags,
        querystring: LeadListQuery,
        response: { 200: LeadPageSchema },
      },
    },
    async (request) => services.leads.list(request.query, ownerScopeOf(request)),
  );

  // Every rep's stream hears the same change: look its owners up once, not once per connected rep.
  const owners = new WeakMap<readonly string[], Promise<Map<string, string | null>>>();
  const ownersOf = (ids: readonly string[]): Promise<Map<string, string | null>> => {
    let found = owners.get(ids);
    if (!found) owners.set(ids, (found = services.leads.ownersOf(ids)));
    return found;
  };

  app.get(
    '/api/leads/stream',
    {
      schema: {
        summary: 'Server-Sent Events: which leads changed, as they change',
        description:
          'Sends `event: ready` once live, then `event: leads` with `{ ids }` for each write to leads from any process: the ids that changed, ' +
          'or `null` when many did (a bulk import) or some may have been missed (reload what you show). Fetch the leads you show after `ready`. ' +
          'A rep token hears only of its own leads.',
        tags,
        response: { 200: leadStreamResponse, 503: refusal('Live updates cannot reach the database right now.') },
      },
      config: { allow: LEAD_READERS },
    },
    async (request, reply) => {
      const scope = ownerScopeOf(request);
      return streams.stream(
        request,
        reply,
        (send) =>
          services.leadChanges.subscribe((change) => {
            if (!scope || change.ids === null) return send('leads', change);
            // Other reps' lead ids are not for this rep to learn: pass on only its own.
            const changed = change.ids;
            ownersOf(changed).then(
              (owners) => {
                const ids = changed.filter((id) => owners.get(id) === scope.repId);
                if (ids.length > 0) send('leads', { ids });
              },
              () => send('leads', { ids: null }),
            );
          }),
        { event: 'ready', data: {} },
      );
    },
  );

  app.get(
    '/api/leads/:id',
    {
      config: { allow: LEAD_READERS },
      schema: { summary: 'Get a lead', tags, params: UuidParams, response: { 200: LeadSchema } },
    },
    async (request) => services.leads.get(request.params.id, ownerScopeOf(request)),
  );

  app.get(
    '/api/leads/:id/history',
    {
      config: { allow: LEAD_READERS },
      schema: {
        summary:
          'The step trail (every node visited, port taken, why), events, assignments, and what the lead waits for now',
        tags,
        params: UuidParams,
        response: {
          200: LeadHistorySchema,
        },
      },
    },
    async (request) => services.leads.history(request.params.id, ownerScopeOf(request)),
  );

  app.get(
    '/api/leads/:id/state',
    {
      config: { allow: LEAD_READERS },
      schema: {
        summary:
          "Live state from the lead's running workflow (Temporal query): its node, what it waits for, its fields as the run sees them",
        description:
          'Answers 404 NOT_RUNNING when the lead has no run that is still going: not started yet, finished, or no worker answered within 3 s. The history (GET /api/leads/:id/history) shows a finished run.',
        tags,
        params: UuidParams,
        response: {
          200: LeadStateSchema,
          404: refusal('No such lead, or (code NOT_RUNNING) it has no run still going.'),
        },
      },
    },
    async (request, reply) => {
      await services.leads.get(request.params.id, ownerScopeOf(request));
      const state = await services.runs.liveState(request.params.id);
      // A finished workflow still answers queries while a worker holds its code; it is not running.
      if (!state || state.status === 'completed')
        return reply.status(404).send({
          statusCode: 404,
          code: 'NOT_RUNNING',
          error: 'Not Found',
          message: `lead '${request.params.id}' has no running workflow answering queries`,
        });
      return state;
    },
  );

  app.post(
    '/api/leads/:id/events',
    {
      // Capture posts intent activity only (page visits, downloads, …); a rep reports on its own leads.
      config: { allow: ['admin', 'rep', 'capture'] },
      schema: {
        summary:
          'Post an event of a declared type (see GET /api/event-types); it reaches the running workflow as a signal',
        description:
          "An undeclared type is a 400 naming the close matches; a custom type's data is checked against its data schema. " +
          'A capture token may post only intake and activity types (see intake in GET /api/event-types): ' +
          'anything else is a 403 naming the type. ' +
          "Rep outcomes (contacted, meeting_booked, disqualified) are checked by type and set the lead's status — a disqualification also its reason — " +
          'in the transaction that records the event. Exactly once in effect: a retry with the same Idempotency-Key or, without a key, a repeat of ' +
          "the lead's latest outcome within 10 minutes returns the first event with replayed: true.",
        tags,
        params: UuidParams,
        headers: IdempotencyHeaders,
        body: EventBody,
        response: {
          202: EventResponse,
          409: refusal(
            'The lead is disqualified: reopen it (a status_changed event) before recording another outcome.',
          ),
          422: refusal(
            "The type is not a declared event type (the message lists close matches) or not one callers may post, the data does not match the type's, or the Idempotency-Key was used with another request.",
          ),
        },
      },
    },
    async (request, reply) => {
      const type = await services.eventTypes.assertPostable(request.body.type, request.body.data ?? {});
      if (principalOf(request).role === 'capture') assertCaptureMayPost(type);
      return reply
        .status(202)
        .send(
          await services.events.post(
            request.params.id,
            request.body,
            ownerScopeOf(request),
            request.headers['idempotency-key'],
          ),
        );
    },
  );

  app.delete(
    '/api/leads/:id',
    {
      config: { allow: ['admin'] },
      schema: {
        summary:
          'Erase a lead on request (GDPR, CCPA): its personal data goes for good, a tombstone keeps the metrics right',
        description:
          "The run is terminated; personal fields, event data, step inputs and outputs, notifications, and what node types keep of the lead (tasks, a node package's rows) are removed or scrubbed in one " +
          "transaction, and the lead's data key is destroyed, so its Temporal history can no longer be decrypted. Needs erase=true. Audited.",
        tags,
        params: UuidParams,
        querystring: Type.Object(
          { erase: Type.Literal(true, { description: 'Say so: erasing cannot be undone.' }) },
          { additionalProperties: false },
        ),
        response: {
          200: LeadErasedSchema,
          503: refusal("The lead's run could not be stopped; nothing was erased."),
        },
      },
    },
    async (request) => services.erasure.erase(request.params.id, principalOf(request)),
  );

  app.get(
    '/api/lead-outcomes',
    {
      config: { allow: LEAD_READERS },
      schema: {
        summary: 'The outcomes a rep records on a lead, and the reasons a disqualification takes',
        tags,
        response: { 200: OutcomeCatalogSchema },
      },
    },
    async () => OUTCOME_CATALOG,
  );
}
