/**
 * The API-server half a node type may have, beside its definition and activity, when it keeps data
 * of its own (the task node's tasks): its tables' migrations, its routes, and what erasing a lead
 * or removing a rep must do to its rows. Node-only: never imported by workflow code. A node package
 * exports the same parts from its `"leadflow": { "server" }` module.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Expression, Kysely, RawBuilder, SqlBool } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Who may call a route: roles, or 'public' (no token: the route checks a key of its own). */
export type RouteAccess = readonly ('admin' | 'editor' | 'viewer' | 'rep' | 'capture')[] | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Absent: admin only, so a forgotten declaration fails closed. */
    allow?: RouteAccess;
  }
  // What Leadflow's OpenAPI document reads of a route (as @fastify/swagger declares them).
  interface FastifySchema {
    summary?: string;
    tags?: readonly string[];
  }
}

/** Leadflow's database as a node's own code sees it: its own tables are typed by the node (`Kysely<MyTables>`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each node casts to its own tables' type
export type NodeDb = Kysely<any>;

/** A page of rows in (time, id) order and the cursor of the next page. */
export interface KeysetPaging {
  /** The column as text with all six fractional digits: select it beside the rows (as `cursor_at`). */
  cursorTime(column: string): RawBuilder<string>;
  /** Rows after the cursor's position, in the list's order. */
  afterPosition(
    timeColumn: string,
    idColumn: string,
    position: { at: string; id: string },
    order: 'asc' | 'desc',
  ): Expression<SqlBool>;
  /** The position a cursor names; a cursor the API did not give answers 400 naming `query.cursor`. */
  decodeCursor(cursor: string): { at: string; id: string };
  keysetPage<Row extends { id: string; cursor_at: string }>(
    rows: readonly Row[],
    limit: number,
  ): { rows: Row[]; nextCursor: string | null };
}

/** What a node's routes get from Leadflow besides their Fastify scope. */
export interface NodeServerContext {
  db: NodeDb;
  /** Posts an event to the lead's run, as `POST /api/leads/:id/events` does: a wait for it ends. */
  postLeadEvent(leadId: string, event: { type: string; data: Record<string, unknown> }): Promise<void>;
  /** The rep a request is limited to (a rep token sees only its own rows); undefined for the other roles. */
  repScopeOf(request: FastifyRequest): { repId: string } | undefined;
  /** A 404 in Leadflow's error shape: "<what> '<id>' was not found". */
  notFound(what: string, id: string): Error;
  paging: KeysetPaging;
}

/**
 * A node's routes. Each states who may call it in `config.allow` (roles: admin, editor, viewer, rep,
 * capture); one that does not is admin-only. Leadflow's own nodes' routes are served at the paths
 * they give; a package's under `/api/packages/<package name>`.
 */
export type NodeRoutes = (app: FastifyInstance, context: NodeServerContext) => Promise<void>;

export interface NodeServerPart {
  /** Names the part in messages and its migration table (`node_migrations_<name>`). */
  name: string;
  /** Migration name → { up, down? }, applied in name order after Leadflow's own, in a table of their own. */
  migrations?: Readonly<Record<string, Migration>>;
  routes?: NodeRoutes;
  /** Removes or scrubs what the node keeps about the lead, inside the erasure's transaction. */
  eraseLead?(trx: NodeDb, leadId: string): Promise<void>;
  /** Rows of the node's that name the rep (table → count): while any exists the rep is archived, not deleted. */
  repReferences?(db: NodeDb, repId: string): Promise<Record<string, number>>;
}
