import { type Static, Type } from 'typebox';
import { OpenObject } from './common.js';

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A rep's in-app notification (what notify nodes send to the inbox channel). */
export const InboxItemSchema = OpenObject({
  id: Type.String(),
  leadId: Type.String(),
  subject: Type.String(),
  body: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const InboxPageSchema = Type.Object({ notifications: Type.Array(InboxItemSchema), nextCursor: NullableString });

/** A to-do a task node made for a rep. */
export const TaskSchema = OpenObject({
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
});

export const TaskPageSchema = Type.Object({ tasks: Type.Array(TaskSchema), nextCursor: NullableString });

export type InboxItem = Static<typeof InboxItemSchema>;
export type InboxPage = Static<typeof InboxPageSchema>;
export type Task = Static<typeof TaskSchema>;
export type TaskPage = Static<typeof TaskPageSchema>;
