import type { Database, OutOfOffice, TerritoryRules, WorkingHours } from '@leadflow/engine/db';
import { type Kysely, type Selectable, sql } from 'kysely';
import { Errors } from '../errors.js';
import { type Actor, auditChanges, writeAudit } from './audit-log.js';

export interface RepInput {
  name: string;
  email: string;
  teamId?: string | null;
  active?: boolean;
  timezone?: string;
  capacity?: number | null;
  weight?: number;
  workingHours?: WorkingHours | null;
  outOfOffice?: OutOfOffice[];
  skills?: string[];
  languages?: string[];
}

export interface RepView {
  id: string;
  name: string;
  email: string;
  teamId: string | null;
  active: boolean;
  timezone: string;
  capacity: number | null;
  weight: number;
  workingHours: WorkingHours | null;
  outOfOffice: OutOfOffice[];
  skills: string[];
  languages: string[];
  createdAt: string;
  updatedAt: string;
}

export interface TeamView {
  id: string;
  name: string;
  managerRepId: string | null;
}

export interface AccountView {
  id: string;
  domain: string;
  name: string;
  ownerRepId: string | null;
}

function repView(row: Selectable<Database['reps']>): RepView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    teamId: row.team_id,
    active: row.active,
    timezone: row.timezone,
    capacity: row.capacity,
    weight: row.weight,
    workingHours: row.working_hours as WorkingHours | null,
    outOfOffice: row.out_of_office,
    skills: row.skills,
    languages: row.languages,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function teamView(row: Selectable<Database['teams']>): TeamView {
  return { id: row.id, name: row.name, managerRepId: row.manager_rep_id };
}

function accountView(row: Selectable<Database['accounts']>): AccountView {
  return { id: row.id, domain: row.domain, name: row.name, ownerRepId: row.owner_rep_id };
}

function validTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** The sales team model: reps, teams and the accounts reps own. */
export class TeamStore {
  constructor(private readonly db: Kysely<Database>) {}

  private async checkRep(input: Partial<RepInput>, id?: string): Promise<void> {
    input.outOfOffice?.forEach((period, i) => {
      if (Date.parse(period.until) <= Date.parse(period.from)) throw Errors.invalidRequest([{ path: `outOfOffice[${i}].until`, message: 'must be after from' }]);
    });
    for (const [day, hours] of Object.entries(input.workingHours ?? {})) {
      if (hours && hours[1] <= hours[0]) throw Errors.invalidRequest([{ path: `workingHours.${day}`, message: 'closing time must be after opening time' }]);
    }
    if (input.timezone !== undefined && !validTimezone(input.timezone)) throw Errors.invalidRequest([{ path: 'timezone', message: `'${input.timezone}' is not an IANA time zone (e.g. Europe/Berlin)` }]);
    if (input.teamId) {
      const team = await this.db.selectFrom('teams').select('id').where('id', '=', input.teamId).executeTakeFirst();
      if (!team) throw Errors.invalidRequest([{ path: 'teamId', message: `team '${input.teamId}' does not exist` }]);
    }
    if (input.email) {
      let query = this.db.selectFrom('reps').select('id').where('email', '=', input.email.toLowerCase());
      if (id) query = query.where('id', '!=', id);
      if (await query.executeTakeFirst()) throw Errors.conflict(`a rep with email '${input.email}' already exists`, 'email');
    }
  }

  async createRep(input: RepInput, actor: Actor): Promise<RepView> {
    await this.checkRep(input);
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('reps')
        .values({
          name: input.name,
          email: input.email.toLowerCase(),
          team_id: input.teamId ?? null,
          active: input.active ?? true,
          timezone: input.timezone ?? 'UTC',
          capacity: input.capacity ?? null,
          weight: input.weight ?? 1,
          working_hours: input.workingHours ? JSON.stringify(input.workingHours) : null,
          out_of_office: JSON.stringify(input.outOfOffice ?? []),
          skills: input.skills ?? [],
          languages: input.languages ?? [],
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const rep = repView(row);
      await writeAudit(trx, actor, { action: 'rep.created', subjectType: 'rep', subjectId: rep.id, detail: { name: rep.name, email: rep.email, teamId: rep.teamId } });
      return rep;
    });
  }

  /** Updates a rep; the audit row lists each changed field's old and new value (none if nothing changed). */
  async updateRep(id: string, input: Partial<RepInput>, actor: Actor): Promise<RepView> {
    await this.checkRep(input, id);
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('reps').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw Errors.notFound('rep', id);
      const row = await trx
        .updateTable('reps')
        .set({
          ...(input.name !== undefined && { name: input.name }),
          ...(input.email !== undefined && { email: input.email.toLowerCase() }),
          ...(input.teamId !== undefined && { team_id: input.teamId }),
          ...(input.active !== undefined && { active: input.active }),
          ...(input.timezone !== undefined && { timezone: input.timezone }),
          ...(input.capacity !== undefined && { capacity: input.capacity }),
          ...(input.weight !== undefined && { weight: input.weight }),
          ...(input.workingHours !== undefined && { working_hours: input.workingHours ? JSON.stringify(input.workingHours) : null }),
          ...(input.outOfOffice !== undefined && { out_of_office: JSON.stringify(input.outOfOffice) }),
          ...(input.skills !== undefined && { skills: input.skills }),
          ...(input.languages !== undefined && { languages: input.languages }),
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const rep = repView(row);
      await auditChanges(trx, actor, 'rep', id, repView(before), rep);
      return rep;
    });
  }

  async listReps(teamId?: string): Promise<RepView[]> {
    let query = this.db.selectFrom('reps').selectAll().orderBy('created_at').orderBy('id');
    if (teamId) query = query.where('team_id', '=', teamId);
    return (await query.execute()).map(repView);
  }

  async createTeam(input: { id: string; name: string; managerRepId?: string | null }, actor: Actor): Promise<TeamView> {
    const existing = await this.db.selectFrom('teams').select('id').where('id', '=', input.id).executeTakeFirst();
    if (existing) throw Errors.conflict(`team '${input.id}' already exists`, 'id');
    return this.db.transaction().execute(async (trx) => {
      const team = teamView(await trx.insertInto('teams').values({ id: input.id, name: input.name, manager_rep_id: input.managerRepId ?? null }).returningAll().executeTakeFirstOrThrow());
      await writeAudit(trx, actor, { action: 'team.created', subjectType: 'team', subjectId: team.id, detail: { name: team.name, managerRepId: team.managerRepId } });
      return team;
    });
  }

  async updateTeam(id: string, input: { name?: string; managerRepId?: string | null }, actor: Actor): Promise<TeamView> {
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('teams').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw Errors.notFound('team', id);
      const row = await trx
        .updateTable('teams')
        .set({ ...(input.name !== undefined && { name: input.name }), ...(input.managerRepId !== undefined && { manager_rep_id: input.managerRepId }) })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const team = teamView(row);
      await auditChanges(trx, actor, 'team', id, teamView(before), team);
      return team;
    });
  }

  async listTeams(): Promise<TeamView[]> {
    const rows = await this.db.selectFrom('teams').selectAll().orderBy('id').execute();
    return rows.map(teamView);
  }

  async createAccount(input: { domain: string; name: string; ownerRepId?: string | null }, actor: Actor): Promise<AccountView> {
    const domain = input.domain.trim().toLowerCase();
    const existing = await this.db.selectFrom('accounts').select('id').where('domain', '=', domain).executeTakeFirst();
    if (existing) throw Errors.conflict(`an account with domain '${domain}' already exists`, 'domain');
    return this.db.transaction().execute(async (trx) => {
      const account = accountView(await trx.insertInto('accounts').values({ domain, name: input.name, owner_rep_id: input.ownerRepId ?? null }).returningAll().executeTakeFirstOrThrow());
      await writeAudit(trx, actor, { action: 'account.created', subjectType: 'account', subjectId: account.id, detail: { domain, name: account.name, ownerRepId: account.ownerRepId } });
      return account;
    });
  }

  async listAccounts(): Promise<AccountView[]> {
    const rows = await this.db.selectFrom('accounts').selectAll().orderBy('domain').execute();
    return rows.map(accountView);
  }
}

export interface TerritoryInput {
  id: string;
  name: string;
  priority?: number;
  rules: TerritoryRules;
  teamId?: string | null;
  repId?: string | null;
}

export interface TerritoryView extends Required<Omit<TerritoryInput, 'teamId' | 'repId'>> {
  teamId: string | null;
  repId: string | null;
}

/** Territories: rules on country, region, industry and size that send a lead to a team or a rep. */
export class TerritoryStore {
  constructor(private readonly db: Kysely<Database>) {}

  async create(input: TerritoryInput, actor: Actor): Promise<TerritoryView> {
    if (!input.teamId === !input.repId) throw Errors.invalidRequest([{ path: 'teamId', message: 'a territory routes to exactly one of teamId or repId' }]);
    if (input.teamId && !(await this.db.selectFrom('teams').select('id').where('id', '=', input.teamId).executeTakeFirst())) {
      throw Errors.invalidRequest([{ path: 'teamId', message: `team '${input.teamId}' does not exist` }]);
    }
    if (input.repId && !(await this.db.selectFrom('reps').select('id').where('id', '=', input.repId).executeTakeFirst())) {
      throw Errors.invalidRequest([{ path: 'repId', message: `rep '${input.repId}' does not exist` }]);
    }
    if (await this.db.selectFrom('territories').select('id').where('id', '=', input.id).executeTakeFirst()) throw Errors.conflict(`territory '${input.id}' already exists`, 'id');
    return this.db.transaction().execute(async (trx) => {
      const territory = territoryView(
        await trx
          .insertInto('territories')
          .values({ id: input.id, name: input.name, priority: input.priority ?? 100, rules: JSON.stringify(input.rules), team_id: input.teamId ?? null, rep_id: input.repId ?? null })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      const { id, ...detail } = territory;
      await writeAudit(trx, actor, { action: 'territory.created', subjectType: 'territory', subjectId: id, detail });
      return territory;
    });
  }

  async list(): Promise<TerritoryView[]> {
    const rows = await this.db.selectFrom('territories').selectAll().orderBy('priority').orderBy('id').execute();
    return rows.map(territoryView);
  }
}

function territoryView(row: Selectable<Database['territories']>): TerritoryView {
  return { id: row.id, name: row.name, priority: row.priority, rules: row.rules, teamId: row.team_id, repId: row.rep_id };
}
