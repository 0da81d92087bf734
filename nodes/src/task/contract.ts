import { type Static, Type } from 'typebox';

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A to-do a task node made for a rep, as the API answers it. */
export const TaskSchema = Type.Object(
  {
    id: Type.String(),
    leadId: Type.String(),
    repId: NullableString,
    title: Type.String(),
    note: Type.String(),
    priority: Type.String(),
    dueAt: Type.String(),
    status: Type.String({ description: 'open or done.' }),
    createdAt: Type.String({ format: 'date-time' }),
    completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: true },
);

export const TaskPageSchema = Type.Object({ tasks: Type.Array(TaskSchema), nextCursor: NullableString });

export const TaskListQuery = Type.Object(
  {
    rep: Type.Optional(Type.String({ format: 'uuid', maxLength: 36 })),
    lead: Type.Optional(Type.String({ format: 'uuid', maxLength: 36 })),
    status: Type.Optional(Type.Enum(['open', 'done'])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Tasks per page (default 100).' })),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'nextCursor of the page before.' })),
  },
  { additionalProperties: false },
);

export type Task = Static<typeof TaskSchema>;
export type TaskPage = Static<typeof TaskPageSchema>;
export type TaskFilters = Static<typeof TaskListQuery>;
