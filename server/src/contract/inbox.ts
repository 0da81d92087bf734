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

// Tasks are the task node's own (nodes/src/task/contract.ts): its folder holds its table, routes and answers.
export { type Task, type TaskPage, TaskPageSchema, TaskSchema } from '@leadflow/nodes/server';

export type InboxItem = Static<typeof InboxItemSchema>;
export type InboxPage = Static<typeof InboxPageSchema>;
