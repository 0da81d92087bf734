import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import { Errors } from '../errors.js';

/**
 * Cursor paging over (timestamp, id), exact to the microsecond Postgres keeps. A cursor holding
 * the time to the millisecond (what a JS Date keeps) skipped every row sharing the boundary's
 * millisecond — a whole import batch, written with one now(), vanished from the list.
 */
export interface KeysetPosition {
  /** ISO time with six fractional digits, in UTC. */
  at: string;
  /** The row's uuid, which orders rows sharing a time. */
  id: string;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The column as text with all six fractional digits, to select beside a page's rows. */
export function cursorTime(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
}

/** The position a cursor this API returned stands for; anything else is a 400 naming the parameter. */
export function decodeCursor(cursor: string): KeysetPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (typeof at === 'string' && AT.test(at) && typeof id === 'string' && ID.test(id)) return { at, id };
  } catch {
    // Not ours; answered below.
  }
  throw Errors.invalidField([{ path: 'query.cursor', message: 'is not a cursor this API returned' }]);
}

/**
 * Rows strictly after `position` in the list's order: `desc` (newest first) or `asc`. A row
 * comparison on the columns as they are, so Postgres walks the (time, id) index from the position.
 */
export function afterPosition(
  timeColumn: string,
  idColumn: string,
  position: KeysetPosition,
  order: 'asc' | 'desc',
): Expression<SqlBool> {
  const row = sql`(${sql.ref(timeColumn)}, ${sql.ref(idColumn)})`;
  const at = sql`(${position.at}::timestamptz, ${position.id}::uuid)`;
  return order === 'desc' ? sql<SqlBool>`${row} < ${at}` : sql<SqlBool>`${row} > ${at}`;
}

/** The page and the cursor to the next one from `limit + 1` rows read; each row carries its `cursor_at`. */
export function keysetPage<T extends { cursor_at: string; id: string }>(
  rows: readonly T[],
  limit: number,
): { rows: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null,
  };
}
