import type { LeadContext, NodeOutcome } from '@leadflow/engine';
import type { Database } from '@leadflow/engine/db';
import { defineNodeActivity } from '@leadflow/engine/worker';
import { type Kysely, sql, type Transaction } from 'kysely';
import { existingAssignment, outcomeOf } from './assignment-record.js';
import { type RepForRouting, unavailableBecause } from './availability.js';
import { type AssignV2Config, assignV2 } from './definition-v2.js';
import { pickRep } from './pick-strategy.js';
import { findTerritory, type Territory } from './territory-match.js';

/** A lead in one of these statuses no longer counts against its owner's capacity. */
export const CLOSED_STATUSES = [
  'disqualified',
  'won',
  'lost',
  'closed',
  'recycled',
  'nurture',
  'light_nurture',
  'unassigned',
] as const;

interface Pool {
  key: string;
  label: string;
  teamId: string | null;
  repIds?: string[];
}

interface Candidate {
  repId: string;
  name: string;
  pool: string;
  skipped?: string;
  chosen?: boolean;
}

const REP_COLUMNS = [
  'id',
  'name',
  'active',
  'timezone',
  'capacity',
  'weight',
  'working_hours',
  'out_of_office',
  'skills',
  'languages',
  'team_id',
] as const;

/** Where candidates come from, in the order to try them: the preferred pool, then the fallback team. */
async function candidatePools(
  db: Kysely<Database>,
  config: AssignV2Config,
  lead: Readonly<LeadContext>,
): Promise<{ pools: Pool[]; notes: string[] }> {
  const pools: Pool[] = [];
  const notes: string[] = [];
  if (config.source === 'account_owner') {
    if (lead.accountOwnerId)
      pools.push({
        key: `rep:${lead.accountOwnerId}`,
        label: 'account owner',
        teamId: null,
        repIds: [lead.accountOwnerId],
      });
    else notes.push('the lead has no account owner');
  }
  if (config.source === 'territory') {
    const territories = (await db
      .selectFrom('territories')
      .select(['id', 'name', 'rules', 'team_id', 'rep_id'])
      .orderBy('priority')
      .orderBy('id')
      .execute()) as Territory[];
    const match = findTerritory(territories, lead);
    if (!match) notes.push(`no territory matched (${territories.length} checked)`);
    else {
      const { territory, met } = match;
      const label = `territory ${territory.name}${met.length ? ` (${met.join(', ')})` : ''}`;
      if (territory.rep_id)
        pools.push({ key: `rep:${territory.rep_id}`, label, teamId: null, repIds: [territory.rep_id] });
      else pools.push({ key: `team:${territory.team_id}`, label, teamId: territory.team_id });
    }
  }
  if (config.team && !pools.some((pool) => pool.key === `team:${config.team}`)) {
    pools.push({
      key: `team:${config.team}`,
      label: config.source === 'team' ? `team ${config.team}` : `fallback team ${config.team}`,
      teamId: config.team,
    });
  }
  return { pools, notes };
}

async function loadReps(trx: Transaction<Database>, pool: Pool): Promise<RepForRouting[]> {
  let query = trx
    .selectFrom('reps')
    .select([...REP_COLUMNS])
    .orderBy('created_at')
    .orderBy('id');
  query = pool.repIds ? query.where('id', 'in', pool.repIds) : query.where('team_id', '=', pool.teamId);
  return (await query.execute()) as unknown as RepForRouting[];
}

async function openLeadCounts(trx: Transaction<Database>, repIds: string[]): Promise<Map<string, number>> {
  if (repIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('leads')
    .select(['owner_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('owner_id', 'in', repIds)
    .where('status', 'not in', [...CLOSED_STATUSES])
    .groupBy('owner_id')
    .execute();
  return new Map(rows.map((row) => [row.owner_id as string, Number(row.n)]));
}

/**
 * Assigns in one transaction. The cursor rows of every pool involved are locked in sorted order
 * (so different sources never deadlock), and the owner is written to the lead inside the same
 * transaction, so the next pick under the lock sees the current load.
 */
export const assignV2Activity = defineNodeActivity(assignV2, async (config, ctx): Promise<NodeOutcome> => {
  const earlier = await existingAssignment(ctx.db, ctx.leadId, ctx.nodeId, ctx.visit);
  if (earlier) return earlier;
  const { pools, notes } = await candidatePools(ctx.db, config, ctx.lead);
  const now = new Date();

  return ctx.db.transaction().execute(async (trx) => {
    const keys = [...new Set(pools.map((pool) => pool.key))].sort();
    if (keys.length > 0) {
      await trx
        .insertInto('round_robin_cursors')
        .values(keys.map((pool) => ({ pool })))
        .onConflict((oc) => oc.column('pool').doNothing())
        .execute();
    }
    const cursors = keys.length
      ? await trx
          .selectFrom('round_robin_cursors')
          .select(['pool', 'last_rep_id', 'weights'])
          .where('pool', 'in', keys)
          .orderBy('pool')
          .forUpdate()
          .execute()
      : [];
    const raced = await existingAssignment(trx, ctx.leadId, ctx.nodeId, ctx.visit);
    if (raced) return raced;

    const candidates: Candidate[] = [];
    for (const pool of pools) {
      const reps = await loadReps(trx, pool);
      const load = await openLeadCounts(
        trx,
        reps.map((rep) => rep.id),
      );
      const available = new Set<string>();
      for (const rep of reps) {
        const reason =
          config.excludeCurrentOwner && rep.id === ctx.lead.ownerId
            ? 'current owner, reassigning'
            : unavailableBecause(rep, load.get(rep.id) ?? 0, config, now);
        if (reason) candidates.push({ repId: rep.id, name: rep.name, pool: pool.label, skipped: reason });
        else available.add(rep.id);
      }
      const cursor = cursors.find((c) => c.pool === pool.key);
      const pick = pickRep(config.strategy, reps, available, load, {
        lastRepId: cursor?.last_rep_id ?? null,
        weights: cursor?.weights ?? {},
      });
      if (!pick) {
        notes.push(reps.length ? `nobody available in ${pool.label}` : `${pool.label} has no reps`);
        continue;
      }
      candidates.push({ repId: pick.rep.id, name: pick.rep.name, pool: pool.label, chosen: true });
      const skipped = candidates.filter((c) => c.skipped).map((c) => `${c.name} skipped (${c.skipped})`);
      const reason = [...notes, `${pool.label}: ${pick.rep.name} chosen by ${pick.how}`, ...skipped].join('; ');
      const teamId =
        pool.teamId ??
        (reps.find((rep) => rep.id === pick.rep.id) as RepForRouting & { team_id: string | null }).team_id;
      const row = { rep_id: pick.rep.id, team_id: teamId, reason, candidates };
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
      await trx
        .updateTable('round_robin_cursors')
        .set({
          last_rep_id: pick.state.lastRepId,
          weights: JSON.stringify(pick.state.weights),
          updated_at: sql<Date>`now()`,
        })
        .where('pool', '=', pool.key)
        .execute();
      await trx
        .updateTable('leads')
        .set({ owner_id: pick.rep.id, team_id: teamId, status: 'working' })
        .where('id', '=', ctx.leadId)
        .execute();
      return outcomeOf(row, pick.rep.name, false, { ownerTimezone: pick.rep.timezone });
    }

    const skipped = candidates.map((c) => `${c.name} skipped (${c.skipped})`);
    const reason = [...notes, ...skipped].join('; ') || 'no candidates';
    const row = { rep_id: null, team_id: config.team ?? null, reason: `nobody available: ${reason}`, candidates };
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
    return outcomeOf(row, null, false);
  });
});
