import type { Database } from '@leadflow/engine/db';
import type { Kysely, Transaction } from 'kysely';
import { Errors } from '../../errors.js';
import { type Actor, auditChanges, writeAudit, writeAudits } from '../audit-log.js';
import { type BulkResult, bulkUpsert, chunked } from './bulk-upsert.js';
import { checkTeam, loadRefs } from './checks.js';
import { teamReferences } from './references.js';
import { type TeamInput, type TeamView, teamView } from './views.js';

async function insertTeams(trx: Transaction<Database>, inputs: TeamInput[], actor: Actor): Promise<TeamView[]> {
  const teams: TeamView[] = [];
  for (const chunk of chunked(inputs)) {
    const rows = await trx
      .insertInto('teams')
      .values(chunk.map((input) => ({ id: input.id, name: input.name, manager_rep_id: input.managerRepId ?? null })))
      .returningAll()
      .execute();
    teams.push(...rows.map(teamView));
  }
  await writeAudits(
    trx,
    actor,
    teams.map((team) => ({
      action: 'team.created',
      subjectType: 'team',
      subjectId: team.id,
      detail: { name: team.name, managerRepId: team.managerRepId },
    })),
  );
  return teams;
}

async function updateTeamRow(
  trx: Transaction<Database>,
  before: TeamView,
  input: Partial<TeamInput>,
  actor: Actor,
): Promise<TeamView> {
  const changes = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.managerRepId !== undefined && { manager_rep_id: input.managerRepId }),
  };
  // A PATCH that names no field changes nothing (an UPDATE with an empty SET is not SQL).
  if (Object.keys(changes).length === 0) return before;
  const row = await trx
    .updateTable('teams')
    .set(changes)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const team = teamView(row);
  await auditChanges(trx, actor, 'team', team.id, before, team);
  return team;
}

/** Teams: the pools assign nodes draw reps from, each with a manager for escalations. */
export class TeamStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(id: string): Promise<TeamView> {
    const row = await this.db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw Errors.notFound('team', id);
    return teamView(row);
  }

  async list(): Promise<TeamView[]> {
    return (await this.db.selectFrom('teams').selectAll().orderBy('id').execute()).map(teamView);
  }

  private async checkOne(input: Partial<TeamInput>): Promise<void> {
    const problems = checkTeam(input, await loadRefs(this.db));
    if (problems.length) throw Errors.invalidField(problems);
  }

  async create(input: TeamInput, actor: Actor): Promise<TeamView> {
    await this.checkOne(input);
    if (await this.db.selectFrom('teams').select('id').where('id', '=', input.id).executeTakeFirst())
      throw Errors.conflict(`team '${input.id}' already exists`, 'id');
    return this.db.transaction().execute(async (trx) => (await insertTeams(trx, [input], actor))[0] as TeamView);
  }

  async update(id: string, input: Partial<TeamInput>, actor: Actor): Promise<TeamView> {
    await this.checkOne(input);
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('teams').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw Errors.notFound('team', id);
      return updateTeamRow(trx, teamView(before), input, actor);
    });
  }

  /** Refused (409, naming each) while active reps, territories, leads in flight or published workflows use the team. */
  async remove(id: string, actor: Actor): Promise<void> {
    const team = await this.get(id);
    const reasons = await teamReferences(this.db, id);
    if (reasons.length) throw Errors.referenced('team', id, reasons);
    await this.db.transaction().execute(async (trx) => {
      // Archived reps keep their history, not their team.
      await trx.updateTable('reps').set({ team_id: null }).where('team_id', '=', id).execute();
      await trx.deleteFrom('teams').where('id', '=', id).execute();
      await writeAudit(trx, actor, {
        action: 'team.deleted',
        subjectType: 'team',
        subjectId: id,
        detail: { name: team.name },
      });
    });
  }

  bulkUpsert(teams: TeamInput[], actor: Actor, dryRun = false): Promise<BulkResult> {
    return bulkUpsert<TeamInput, TeamView>(
      this.db,
      teams,
      {
        list: 'teams',
        keyField: 'id',
        keyOf: (team) => team.id,
        check: (team, _existing, refs, prefix) => checkTeam(team, refs, prefix),
        findByKeys: async (trx, ids) =>
          new Map(
            (
              await trx
                .selectFrom('teams')
                .selectAll()
                .where('id', 'in', ids.length ? ids : [''])
                .execute()
            ).map((row) => [row.id, teamView(row)]),
          ),
        createAll: async (trx, items) => void (await insertTeams(trx, items, actor)),
        update: async (trx, existing, team) => void (await updateTeamRow(trx, existing, team, actor)),
      },
      dryRun,
    );
  }
}
