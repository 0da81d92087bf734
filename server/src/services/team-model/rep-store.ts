import type { NodeServerPart } from '@leadflow/nodes/server';
import type { Database } from '@leadflow/engine/db';
import { type Kysely, sql, type Transaction } from 'kysely';
import { Errors } from '../../errors.js';
import { type Actor, auditChanges, writeAudit, writeAudits } from '../audit-log.js';
import { type BulkResult, bulkUpsert, chunked, setsDifferentValues } from './bulk-upsert.js';
import { checkRep, loadRefs } from './checks.js';
import { repHistoryReferences, repRoutingReferences } from './references.js';
import { type RepInput, type RepView, repView } from './views.js';

/** The columns a (partial) rep input sets; absent fields are left as they are. */
function repColumns(input: Partial<RepInput>) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.email !== undefined && { email: input.email.toLowerCase() }),
    ...(input.teamId !== undefined && { team_id: input.teamId }),
    ...(input.role !== undefined && { role: input.role }),
    ...(input.active !== undefined && { active: input.active }),
    ...(input.timezone !== undefined && { timezone: input.timezone }),
    ...(input.capacity !== undefined && { capacity: input.capacity }),
    ...(input.weight !== undefined && { weight: input.weight }),
    ...(input.workingHours !== undefined && {
      working_hours: input.workingHours ? JSON.stringify(input.workingHours) : null,
    }),
    ...(input.outOfOffice !== undefined && { out_of_office: JSON.stringify(input.outOfOffice) }),
    ...(input.skills !== undefined && { skills: input.skills }),
    ...(input.languages !== undefined && { languages: input.languages }),
  };
}

async function insertReps(trx: Transaction<Database>, inputs: RepInput[], actor: Actor): Promise<RepView[]> {
  const reps: RepView[] = [];
  for (const chunk of chunked(inputs)) {
    const rows = await trx
      .insertInto('reps')
      .values(chunk.map((input) => ({ ...repColumns(input), name: input.name, email: input.email.toLowerCase() })))
      .returningAll()
      .execute();
    reps.push(...rows.map(repView));
  }
  await writeAudits(
    trx,
    actor,
    reps.map((rep) => ({
      action: 'rep.created',
      subjectType: 'rep',
      subjectId: rep.id,
      detail: { name: rep.name, email: rep.email, teamId: rep.teamId },
    })),
  );
  return reps;
}

/** Writes the change and audits the fields that moved. Making an archived rep active again un-archives them. */
async function updateRepRow(
  trx: Transaction<Database>,
  before: RepView,
  input: Partial<RepInput>,
  actor: Actor,
): Promise<RepView> {
  const restore = before.archivedAt !== null && input.active === true;
  const row = await trx
    .updateTable('reps')
    .set({ ...repColumns(input), ...(restore && { archived_at: null }), updated_at: sql<Date>`now()` })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const rep = repView(row);
  await auditChanges(trx, actor, 'rep', rep.id, before, rep);
  return rep;
}

export type RepDeletion =
  { outcome: 'deleted' } | { outcome: 'archived'; rep: RepView; references: Record<string, number> };

/**
 * Reps. Changing one never breaks a lead in flight: routing reads reps at each assign step, so a
 * rep made inactive, moved, out of office or at capacity is simply skipped by the next step.
 */
export class RepStore {
  constructor(
    private readonly db: Kysely<Database>,
    /** Node types' own tables may name a rep (tasks): while one does, the rep is archived, not deleted. */
    private readonly nodeParts: readonly NodeServerPart[],
  ) {}

  async get(id: string): Promise<RepView> {
    const row = await this.db.selectFrom('reps').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw Errors.notFound('rep', id);
    return repView(row);
  }

  async list(filters: { team?: string; includeArchived?: boolean } = {}): Promise<RepView[]> {
    let query = this.db.selectFrom('reps').selectAll().orderBy('created_at').orderBy('id');
    if (filters.team) query = query.where('team_id', '=', filters.team);
    if (!filters.includeArchived) query = query.where('archived_at', 'is', null);
    return (await query.execute()).map(repView);
  }

  private async checkOne(input: Partial<RepInput>, id?: string): Promise<void> {
    const problems = checkRep(input, await loadRefs(this.db));
    if (problems.length) throw Errors.invalidField(problems);
    if (input.email) {
      let query = this.db.selectFrom('reps').select('id').where('email', '=', input.email.toLowerCase());
      if (id) query = query.where('id', '!=', id);
      if (await query.executeTakeFirst())
        throw Errors.conflict(`a rep with email '${input.email}' already exists`, 'email');
    }
  }

  async create(input: RepInput, actor: Actor): Promise<RepView> {
    await this.checkOne(input);
    return this.db.transaction().execute(async (trx) => (await insertReps(trx, [input], actor))[0] as RepView);
  }

  /** Updates a rep; the audit row lists each changed field's old and new value (none if nothing changed). */
  async update(id: string, input: Partial<RepInput>, actor: Actor): Promise<RepView> {
    await this.checkOne(input, id);
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('reps').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw Errors.notFound('rep', id);
      return updateRepRow(trx, repView(before), input, actor);
    });
  }

  /**
   * Routing setup naming the rep (accounts, territories, teams managed) must be handed over
   * first: 409. A rep whom leads or history name is archived (inactive, hidden from lists, their
   * tokens revoked); only a rep nothing names is removed.
   */
  async remove(id: string, actor: Actor): Promise<RepDeletion> {
    const rep = await this.get(id);
    const routing = await repRoutingReferences(this.db, id);
    if (routing.length)
      throw Errors.referenced(
        'rep',
        rep.email,
        routing.map((reason) => `${reason}; reassign first`),
      );
    const references = await repHistoryReferences(this.db, id, this.nodeParts);
    return this.db.transaction().execute(async (trx) => {
      if (Object.keys(references).length === 0) {
        await trx.deleteFrom('reps').where('id', '=', id).execute();
        await writeAudit(trx, actor, {
          action: 'rep.deleted',
          subjectType: 'rep',
          subjectId: id,
          detail: { name: rep.name, email: rep.email },
        });
        return { outcome: 'deleted' as const };
      }
      const row = await trx
        .updateTable('reps')
        .set({ active: false, archived_at: sql<Date>`coalesce(archived_at, now())`, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, actor, {
        action: 'rep.archived',
        subjectType: 'rep',
        subjectId: id,
        detail: { name: rep.name, email: rep.email, references },
      });
      // An archived rep has left: their sign-in goes with them.
      const tokens = await trx
        .updateTable('api_tokens')
        .set({ revoked_at: sql<Date>`now()` })
        .where('rep_id', '=', id)
        .where('revoked_at', 'is', null)
        .returning(['id', 'name', 'prefix'])
        .execute();
      await writeAudits(
        trx,
        actor,
        tokens.map((token) => ({
          action: 'token.revoked',
          subjectType: 'token',
          subjectId: token.id,
          detail: { name: token.name, role: 'rep', prefix: token.prefix, reason: 'rep archived' },
        })),
      );
      return { outcome: 'archived' as const, rep: repView(row), references };
    });
  }

  /** Upserts by email. An archived rep in the batch comes back (active unless the item says otherwise). */
  bulkUpsert(reps: RepInput[], actor: Actor, dryRun = false): Promise<BulkResult> {
    return bulkUpsert<RepInput, RepView>(
      this.db,
      reps,
      {
        list: 'reps',
        keyField: 'email',
        keyOf: (rep) => rep.email.toLowerCase(),
        check: (rep, _existing, refs, prefix) => checkRep(rep, refs, prefix),
        findByKeys: async (trx, emails) =>
          new Map(
            (
              await trx
                .selectFrom('reps')
                .selectAll()
                .where('email', 'in', emails.length ? emails : [''])
                .execute()
            ).map((row) => [row.email, repView(row)]),
          ),
        createAll: async (trx, items) => void (await insertReps(trx, items, actor)),
        differs: (existing, rep) =>
          existing.archivedAt !== null || setsDifferentValues(existing, { ...rep, email: rep.email.toLowerCase() }),
        update: async (trx, existing, rep) =>
          void (await updateRepRow(
            trx,
            existing,
            existing.archivedAt ? { ...rep, active: rep.active ?? true } : rep,
            actor,
          )),
      },
      dryRun,
    );
  }
}
