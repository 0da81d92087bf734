import { type Static, type TSchema, Type } from 'typebox';
import { OpenObject } from './common.js';
import { OwnerSchema } from './leads.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Origin = Type.String({
  pattern: '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$',
  maxLength: 300,
  description: 'scheme://host[:port], as a browser sends it in Origin, e.g. https://www.acme.com',
});
const FieldName = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' });
const WorkflowRef = Type.Optional(
  Nullable(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'Workflow id or slug; null or absent: the default workflow at the time of each post.',
    }),
  ),
);

const FormFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  allowedOrigins: Type.Optional(
    Type.Array(Origin, {
      maxItems: 50,
      uniqueItems: true,
      description: 'Pages on these origins may post the form from a browser; requests with another Origin are refused.',
    }),
  ),
  workflow: WorkflowRef,
  honeypotField: Type.Optional(
    Type.String({
      ...FieldName,
      description:
        'A hidden input people leave empty; a post that fills it is answered as a success and dropped. Default "website".',
    }),
  ),
  rateLimitPerMinute: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 10_000,
      description: 'Posts per minute one IP address may make to this form (default 10).',
    }),
  ),
  redirectUrl: Type.Optional(
    Nullable(
      Type.String({
        format: 'uri',
        pattern: '^https?://',
        maxLength: 2000,
        description: 'Where a browser posting the plain HTML form (no script) is sent after a success.',
      }),
    ),
  ),
  defaultCountry: Type.Optional(
    Nullable(
      Type.String({
        pattern: '^[A-Z]{2}$',
        description:
          "ISO country phone numbers are read in when the visitor gives no country (before the workflow's own default and the browser's language).",
      }),
    ),
  ),
  active: Type.Optional(Type.Boolean()),
};

export const CreateFormBody = Type.Object(FormFields, { additionalProperties: false });
export const UpdateFormBody = Type.Partial(Type.Object(FormFields), { additionalProperties: false });

export const FormSchema = OpenObject({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  publicKey: Type.String({ description: 'Goes in the page; allows posting this form only.' }),
  endpoint: Type.String({ description: 'Path of the public endpoint, /intake/forms/<publicKey>.' }),
  allowedOrigins: Type.Array(Type.String()),
  workflowId: Nullable(Type.String()),
  honeypotField: Type.String(),
  rateLimitPerMinute: Type.Integer(),
  redirectUrl: Nullable(Type.String()),
  defaultCountry: Nullable(Type.String()),
  active: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const SnippetQuery = Type.Object(
  {
    baseUrl: Type.Optional(
      Type.String({
        format: 'uri',
        pattern: '^https?://',
        maxLength: 300,
        description: 'Public URL of this server as the page reaches it; default: the URL this request came to.',
      }),
    ),
  },
  { additionalProperties: false },
);

const FieldMappingSchema = Type.Record(Type.String({ maxLength: 100 }), Type.String({ maxLength: 300 }), {
  description:
    'Lead field → JSON pointer into the payload, e.g. { "email": "/contact/email", "utm.campaign": "/ad/campaign", "custom.formName": "/form/name" }. Absent: the payload is a lead as POST /api/leads takes it.',
});

const SourceFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  workflow: WorkflowRef,
  fieldMapping: Type.Optional(Nullable(FieldMappingSchema)),
  active: Type.Optional(Type.Boolean()),
};

export const CreateWebhookSourceBody = Type.Object(SourceFields, { additionalProperties: false });
export const UpdateWebhookSourceBody = Type.Partial(Type.Object(SourceFields), { additionalProperties: false });

export const WebhookSourceSchema = OpenObject({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  endpoint: Type.String({ description: 'Path leads are posted to; activity events go to <endpoint>/activity.' }),
  workflowId: Nullable(Type.String()),
  fieldMapping: Nullable(
    Type.Record(Type.String(), Type.String(), { description: 'Lead field → JSON pointer into the payload.' }),
  ),
  active: Type.Boolean(),
  previousSecretValidUntil: Nullable(
    Type.String({ description: 'After a rotation, the old secret is still accepted until then.' }),
  ),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const WebhookSourceWithSecret = OpenObject({
  ...WebhookSourceSchema.properties,
  secret: Type.String({
    description: 'Shown only now: sign deliveries with it (HMAC-SHA256). Store it in the sender.',
  }),
});

export const ACTIVITY_TYPES = ['page_visited', 'content_downloaded', 'email_opened', 'demo_requested'] as const;

export const ActivityBody = Type.Object(
  {
    leadId: Type.Optional(Type.String({ format: 'uuid', description: 'The lead; or send email.' })),
    email: Type.Optional(Type.String({ maxLength: 320, description: "The lead's email; or send leadId." })),
    type: Type.Enum([...ACTIVITY_TYPES]),
    url: Type.Optional(
      Type.String({
        maxLength: 2000,
        description: 'Required for page_visited: the page, which score rules match with urlContains.',
      }),
    ),
    asset: Type.Optional(
      Type.String({ maxLength: 300, description: 'Required for content_downloaded: what was downloaded.' }),
    ),
    campaign: Type.Optional(
      Type.String({ maxLength: 300, description: 'Required for email_opened: the campaign or email.' }),
    ),
    occurredAt: Type.Optional(Type.String({ format: 'date-time', description: 'When it happened; default now.' })),
  },
  { additionalProperties: false },
);

export const ActivityResponse = Type.Object({
  accepted: Type.Literal(true, {
    description:
      'Taken. Capture tokens and signed webhooks get only this, the same whether or not a lead has that id or email ' +
      '(an event for no lead is dropped).',
  }),
  leadId: Type.Optional(
    Type.String({
      description: 'Admin and editor tokens: the lead the event was recorded for (an unknown lead is a 404 for them).',
    }),
  ),
  event: Type.Optional(OpenObject({ id: Type.String(), type: Type.String() })),
  delivered: Type.Optional(
    Type.Boolean({ description: "The lead's run was running and received the event (it is recorded either way)." }),
  ),
});

export const FormPostBody = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), {
  maxProperties: 60,
  description:
    "The form's inputs: email, firstName, lastName, name, company, title, phone, country, source, referrerId, utm_source … utm_content; any other name becomes a custom field. JSON may send utm and custom objects instead.",
});

export const FormPostResponse = Type.Object({
  ok: Type.Boolean(),
  message: Type.String(),
  owner: Type.Optional(OwnerSchema),
  timedOut: Type.Optional(Type.Boolean()),
});

export const WebhookLeadResponse = Type.Object({
  leadId: Type.String(),
  outcome: Type.Enum(['created', 'duplicate', 'replayed']),
  started: Type.Boolean(),
});

export type WebForm = Static<typeof FormSchema>;
export type WebhookSource = Static<typeof WebhookSourceSchema>;
export type WebhookSourceWithSecret = Static<typeof WebhookSourceWithSecret>;
