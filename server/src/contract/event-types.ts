import { type Static, Type } from 'typebox';

export const EventTypeName = Type.String({
  pattern: '^[a-z][a-z0-9_]*$',
  maxLength: 40,
  description: 'snake_case, e.g. webinar_attended',
});

export const EventTypeSchema = Type.Object({
  name: Type.String(),
  label: Type.String(),
  description: Type.String(),
  builtIn: Type.Boolean({ description: 'Shipped with Leadflow; cannot be changed or deleted.' }),
  postable: Type.Boolean({
    description: 'May be posted to POST /api/leads/:id/events (the rest Leadflow records itself).',
  }),
  intake: Type.Boolean({
    description:
      'Capture tokens (website code, integrations) may post it too; rep outcomes, retry and status changes never are.',
  }),
  dataSchema: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
    description: "JSON Schema of the event's data; null: any object.",
  }),
  createdBy: Type.Optional(Type.String()),
  createdAt: Type.Optional(Type.String({ format: 'date-time' })),
  updatedAt: Type.Optional(Type.String({ format: 'date-time' })),
});

const DataSchema = Type.Union([
  Type.Record(Type.String(), Type.Unknown(), {
    description: "A JSON Schema (type object) the event's data must match.",
  }),
  Type.Null(),
]);

const IntakeFlag = Type.Boolean({
  description: 'Let capture tokens (website code, integrations) post it. Default false: admins and reps only.',
});

export const CreateEventTypeBody = Type.Object(
  {
    name: EventTypeName,
    label: Type.String({ minLength: 1, maxLength: 100 }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    dataSchema: Type.Optional(DataSchema),
    intake: Type.Optional(IntakeFlag),
  },
  { additionalProperties: false },
);

export const UpdateEventTypeBody = Type.Object(
  {
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    dataSchema: Type.Optional(DataSchema),
    intake: Type.Optional(IntakeFlag),
  },
  { additionalProperties: false },
);

export const EventTypeParams = Type.Object({ name: EventTypeName });

export type EventType = Static<typeof EventTypeSchema>;
