import type { Database } from '@leadflow/engine/db';
import { defineNodeActivity } from '@leadflow/engine/worker';
import type { Selectable } from 'kysely';
import { existingAssignment, outcomeOf } from './assignment-record.js';
import { assign } from './definition.js';

type Rep = Pick<Selectable<Database['reps']>, 'id' | 'name' | 'active'>;

export interface Candidate {
  repId: string;
  name: string;
  /** Why the rep was passed over; absent for the chosen rep. */
  skipped?: string;
  chosen?: boolean;
}

/** The next available rep after the last one picked, in a stable order; skipped reps say why. */
export function pickRoundRobin(
  reps: readonly Rep[],
  lastRepId: string | null,
): { chosen: Rep | null; candidates: Candidate[] } {
  const start = lastRepId ? reps.findIndex((rep) => rep.id === lastRepId) + 1 : 0;
  const candidates: Candidate[] = [];
  for (let i = 0; i < reps.length; i++) {
    const rep = reps[(start + i) % reps.length] as Rep;
    if (!rep.active) {
      candidates.push({ repId: rep.id, name: rep.name, skipped: 'inactive' });
      continue;
    }
    candidates.push({ repId: rep.id, name: rep.name, chosen: true });
    return { chosen: rep, candidates };
  }
  return { chosen: null, candidates };
}

function describe(team: string, chosen: Rep | null, candidates: readonly Candidate[]): string {
  const skipped = candidates.filter((c) => c.skipped).map((c) => `${c.name} skipped (${c.skipped})`);
  const head = chosen
    ? `round robin in team ${team}: ${chosen.name} chosen`
    : `round robin in team ${team}: nobody available`;
  return skipped.length ? `${head}; ${skipped.join(', ')}` : head;
}

/**
 * One transaction per assignment, serialized per team by a row lock on its round-robin cursor:
 * 1,000 leads at once over 5 reps give 200 each. The (lead, node, visit) key makes a retry
 * return the first answer instead of assigning again.
 */
export const assignActivity = defineNodeActivity(assign, async (config, ctx) => {
  const earlier = await existingAssignment(ctx.db, ctx.leadId, ctx.nodeId, ctx.visit);
  if (earlier) return earlier;
  const pool = `team:${config.team}`;
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('round_robin_cursors')
      .values({ pool, last_rep_id: null })
      .onConflict((oc) => oc.column('pool').doNothing())
      .execute();
    const cursor = await trx
      .selectFrom('round_robin_cursors')
      .select('last_rep_id')
      .where('pool', '=', pool)
      .forUpdate()
      .executeTakeFirstOrThrow();
    // Checked again under the lock: an earlier attempt that timed out may have committed meanwhile.
    const raced = await existingAssignment(trx, ctx.leadId, ctx.nodeId, ctx.visit);
    if (raced) return raced;
    const reps = await trx
      .selectFrom('reps')
      .select(['id', 'name', 'active'])
      .where('team_id', '=', config.team)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const { chosen, candidates } = pickRoundRobin(reps, cursor.last_rep_id);
    const reason = reps.length === 0 ? `team ${config.team} has no reps` : describe(config.team, chosen, candidates);
    const row = { rep_id: chosen?.id ?? null, team_id: config.team, reason, candidates };
    await trx
      .insertInto('assignments')
      .values({
        lead_id: ctx.leadId,
        node_id: ctx.nodeId,
        visit: ctx.visit,
        strategy: config.strategy,
        ...row,
        candidates: JSON.stringify(candidates),
      })
      .execute();
    if (chosen)
      await trx.updateTable('round_robin_cursors').set({ last_rep_id: chosen.id }).where('pool', '=', pool).execute();
    return outcomeOf(row, chosen?.name ?? null, false);
  });
});
