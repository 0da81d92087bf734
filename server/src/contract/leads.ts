import { type Static, Type } from 'typebox';
import { OpenObject } from './common.js';

const Text = (maxLength: number, description?: string) =>
  Type.Optional(Type.String({ maxLength, ...(description && { description }) }));

export const CaptureBody = Type.Object(
  {
    workflow: Text(100, 'Workflow id or slug; the default workflow when absent.'),
    email: Type.String({ maxLength: 320 }),
    firstName: Text(100),
    lastName: Text(100),
    name: Text(200, 'Full name; used when firstName is absent.'),
    company: Text(200),
    title: Text(200),
    phone: Text(50),
    country: Text(100),
    source: Text(100, 'Where the lead came from, e.g. demo_request, webinar, referral.'),
    channel: Text(40, 'web_form, api, webhook, csv, chat, referral or outbound_reply (default api).'),
    formId: Text(100),
    referrerId: Text(100),
    utm: Type.Optional(
      Type.Object(
        { source: Text(200), medium: Text(200), campaign: Text(200), term: Text(200), content: Text(200) },
        { additionalProperties: false },
      ),
    ),
    custom: Type.Optional(
      Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
        description: 'Your own fields; readable in conditions as custom.<name>.',
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        email: 'jane@acme.com',
        name: 'Jane Doe',
        company: 'Acme',
        title: 'VP Sales',
        source: 'demo_request',
        country: 'US',
      },
    ],
  },
);

/** An optional Idempotency-Key on posts that must take effect once (a capture, a rep's outcome). */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'Retrying with the same key returns the first answer.' }),
  ),
});

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const JsonObject = (description?: string) =>
  Type.Record(Type.String(), Type.Unknown(), description ? { description } : {});

/** What a waiting run waits for. */
export const WaitingSchema = OpenObject({
  nodeId: Type.String(),
  events: Type.Array(Type.String(), { description: 'Event types that end the wait.' }),
  until: Type.Union([Type.String(), Type.Null()], {
    description: 'ISO time the wait gives up; null: it waits for the event only.',
  }),
  description: Type.String(),
  since: Type.String(),
});
const NullableWaiting = Type.Union([WaitingSchema, Type.Null()]);

export const LeadSchema = OpenObject({
  id: Type.String({ format: 'uuid' }),
  email: Type.String(),
  firstName: NullableString,
  lastName: NullableString,
  company: NullableString,
  companyNormalized: Type.Union([Type.String(), Type.Null()], {
    description: 'The company as matching reads it ("Beispiel GmbH" → "beispiel").',
  }),
  title: NullableString,
  phone: NullableString,
  phoneRaw: Type.Union([Type.String(), Type.Null()], {
    description: 'The phone as typed; kept even when no country could read it.',
  }),
  phoneValid: Type.Union([Type.Boolean(), Type.Null()], {
    description: 'False when the typed phone could not be read as a number (then phone is null); null without a phone.',
  }),
  country: NullableString,
  source: NullableString,
  channel: NullableString,
  status: Type.String(),
  fitScore: Type.Union([Type.Number(), Type.Null()]),
  intentScore: Type.Union([Type.Number(), Type.Null()]),
  score: Type.Union([Type.Integer(), Type.Null()]),
  tier: Type.Union([Type.Integer(), Type.Null()]),
  ownerId: NullableString,
  teamId: NullableString,
  accountId: NullableString,
  disqualificationReason: NullableString,
  workflowId: Type.String(),
  workflowVersion: Type.Integer(),
  stage: Type.String({ description: 'Funnel stage: new, mql, sql, meeting, won or disqualified.' }),
  fields: JsonObject(),
  custom: JsonObject(),
  firstTouch: JsonObject(),
  lastTouch: JsonObject(),
  run: OpenObject({ status: Type.String(), nodeId: NullableString, waiting: NullableWaiting }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  erasedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When the lead was erased on request (a tombstone without personal data), else null.',
  }),
});

export const StepSchema = OpenObject({
  seq: Type.Integer(),
  nodeId: Type.String(),
  nodeType: Type.String(),
  typeVersion: Type.Integer(),
  visit: Type.Integer(),
  status: Type.String({ description: 'completed, waiting or failed.' }),
  port: NullableString,
  input: Type.Union([JsonObject(), Type.Null()], { description: 'What the node was given; null once pruned.' }),
  output: Type.Union([JsonObject(), Type.Null()], { description: 'What the node produced; null once pruned.' }),
  reason: NullableString,
  error: NullableString,
  attempts: Type.Integer(),
  startedAt: Type.String({ format: 'date-time' }),
  endedAt: NullableTime,
  waiting: Type.Union([WaitingSchema, Type.Null()], {
    description: 'What the step waits for (as run.waiting), or null.',
  }),
  dataPrunedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When retention removed its input and output (LEADFLOW_STEP_DATA_DAYS); null: never.',
  }),
});

export const LeadEventSchema = OpenObject({
  id: Type.String(),
  type: Type.String(),
  data: JsonObject(),
  occurredAt: Type.String({ format: 'date-time' }),
});

export const AssignmentSchema = OpenObject({
  nodeId: Type.String(),
  visit: Type.Integer(),
  repId: NullableString,
  repName: NullableString,
  reason: Type.String(),
  candidates: Type.Unknown(),
  createdAt: Type.String({ format: 'date-time' }),
});

export const LeadHistorySchema = OpenObject({
  lead: LeadSchema,
  steps: Type.Array(StepSchema),
  waiting: NullableWaiting,
  events: Type.Array(LeadEventSchema),
  assignments: Type.Array(AssignmentSchema),
});

export const LeadPageSchema = Type.Object({ leads: Type.Array(LeadSchema), nextCursor: NullableString });

/** The rep a lead was routed to, as a capture that waited for it gets it back. */
export const OwnerSchema = Type.Union(
  [Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }), Type.Null()],
  {
    description: 'With wait=assignment: the rep the lead was routed to, or null.',
  },
);

/** `?wait=assignment`: hold the answer until the lead is routed, for "book with your rep now" pages. */
export const WaitQuery = Type.Object(
  {
    wait: Type.Optional(
      Type.Enum(['assignment'], {
        description:
          'Answer once the lead has an owner, or its run settles without one (reaches a wait or ends), within waitSeconds.',
      }),
    ),
    waitSeconds: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 10,
        description: 'Longest wait for wait=assignment (default and most: 10).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const CaptureResponse = Type.Object({
  lead: LeadSchema,
  duplicate: Type.Boolean({ description: 'The email matched an existing lead, which got a resubmitted event.' }),
  matchedOn: Type.Optional(
    Type.Enum(['email', 'company_name'], {
      description:
        'On a duplicate: the key that found the existing lead (company_name: capture v2, same company domain and full name).',
    }),
  ),
  changes: Type.Optional(
    Type.Record(Type.String(), Type.Object({ from: Type.Unknown(), to: Type.Unknown() }), {
      description:
        "On a duplicate: the fields this submission changed under the capture node's merge policy (fillEmpty, overwrite or keep), also recorded in the resubmitted event.",
    }),
  ),
  replayed: Type.Boolean({
    description: 'The Idempotency-Key was seen before with the same request; this is the first answer.',
  }),
  started: Type.Boolean({
    description: "The lead's run started now (else it starts as soon as Temporal is reachable).",
  }),
  owner: Type.Optional(OwnerSchema),
  timedOut: Type.Optional(
    Type.Boolean({
      description: 'With ?wait=assignment: no settled answer within the wait; the lead may still get an owner.',
    }),
  ),
});

export const LeadListQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ maxLength: 100 })),
    tier: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
    owner: Type.Optional(Type.String({ format: 'uuid', maxLength: 36 })),
    source: Type.Optional(Type.String({ maxLength: 100 })),
    workflow: Type.Optional(Type.String({ format: 'uuid', maxLength: 36 })),
    node: Type.Optional(Type.String({ maxLength: 100, description: 'Leads now at this node.' })),
    runStatus: Type.Optional(Type.Enum(['starting', 'running', 'waiting', 'error', 'completed'])),
    open: Type.Optional(Type.Boolean({ description: 'Only leads still being worked: not disqualified and not won.' })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Search email, name and company.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const EventBody = Type.Object(
  {
    type: Type.String({
      pattern: '^[a-z][a-z0-9_]*$',
      maxLength: 40,
      description: 'contacted, replied, meeting_booked, disqualified, status_changed, page_visited, retry, …',
    }),
    data: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'Rep outcomes are checked by type — contacted: { note? }; meeting_booked: { meetingAt? (date-time), note? }; ' +
          'disqualified: { reason (required, see GET /api/lead-outcomes), note? }. status_changed: { status }.',
      }),
    ),
    occurredAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const EventResponse = Type.Object({
  event: OpenObject({ id: Type.String(), type: Type.String() }),
  delivered: Type.Boolean({
    description: "The lead's running workflow got the event as a signal (false: it has no running workflow).",
  }),
  replayed: Type.Boolean({
    description:
      'The same post was recorded before (same Idempotency-Key or, keyless, the same outcome as the latest within 10 minutes); this is the first event.',
  }),
});

/** The lead's running workflow as it answers a query (`GET /api/leads/:id/state`). */
export const LeadStateSchema = Type.Object({
  status: Type.Enum(['running', 'waiting', 'error', 'completed'], { description: "The run's status." }),
  nodeId: Type.Union([Type.String(), Type.Null()], { description: 'The node the run is at; null once completed.' }),
  waiting: NullableWaiting,
  visits: Type.Record(Type.String(), Type.Integer(), { description: 'Node id → times the run has entered it.' }),
  version: Type.Integer({ description: 'The workflow version the lead runs.' }),
  lead: OpenObject(
    { id: Type.String(), email: Type.String() },
    { description: "The lead's fields as the run sees them (the node templates' {{placeholders}})." },
  ),
});

/** An erasure done: the tombstone keeps the id and when. */
export const LeadErasedSchema = Type.Object({ id: Type.String(), erasedAt: Type.String({ format: 'date-time' }) });

export const OutcomeCatalogSchema = Type.Object({
  outcomes: Type.Array(Type.Object({ type: Type.String(), label: Type.String() })),
  disqualificationReasons: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
});

export type Waiting = Static<typeof WaitingSchema>;
export type Lead = Static<typeof LeadSchema>;
export type Step = Static<typeof StepSchema>;
export type LeadEventView = Static<typeof LeadEventSchema>;
export type Assignment = Static<typeof AssignmentSchema>;
export type LeadHistory = Static<typeof LeadHistorySchema>;
export type LeadPage = Static<typeof LeadPageSchema>;
export type PostedEvent = Static<typeof EventResponse>;
export type OutcomeCatalog = Static<typeof OutcomeCatalogSchema>;
export type LeadState = Static<typeof LeadStateSchema>;
export type LeadErased = Static<typeof LeadErasedSchema>;
export type Owner = Static<typeof OwnerSchema>;
