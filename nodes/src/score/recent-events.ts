import type { Database } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';
import type { ScoreEvent } from './event-rules.js';

/**
 * The lead's most recent events of the given types, newest first, at most `limit`. Newest first
 * because decay makes the oldest worth least: if a busy lead has more than the limit, what is
 * left out would have counted for little.
 */
export async function recentLeadEvents(
  db: Kysely<Database>,
  leadId: string,
  types: readonly string[],
  limit: number,
): Promise<ScoreEvent[]> {
  if (types.length === 0) return [];
  const rows = await db
    .selectFrom('lead_events')
    .select(['type', 'data', 'occurred_at'])
    .where('lead_id', '=', leadId)
    .where('type', 'in', [...types])
    .orderBy('occurred_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ type: row.type, at: row.occurred_at, data: row.data }));
}
