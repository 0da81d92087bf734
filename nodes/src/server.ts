/**
 * Node-only: the API-server halves of the node types that keep data of their own (tables,
 * routes). Never imported by workflow code. One line per node type, as in activities.ts.
 */
import type { MigrationSet } from '@leadflow/engine/db';
import type { NodeServerPart } from './node-server.js';
import { taskServer } from './task/server.js';

export const nodeServerParts: readonly NodeServerPart[] = [taskServer];

/** Their tables: migrated after Leadflow's core schema, each node type in a migration table of its own. */
export const nodeMigrationSets: readonly MigrationSet[] = nodeServerParts.flatMap((part): MigrationSet[] =>
  part.migrations ? [{ name: part.name, owner: 'node', migrations: part.migrations }] : [],
);

export type {
  KeysetPaging,
  NodeDb,
  NodeRoutes,
  NodeServerContext,
  NodeServerPart,
  RouteAccess,
} from './node-server.js';
export { type Task, TaskPageSchema, type TaskPage, TaskSchema } from './task/contract.js';
export type { TaskTables } from './task/tables.js';
