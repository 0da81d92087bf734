import type { Database } from '@leadflow/engine/db';
import type { Kysely, Transaction } from 'kysely';
import { Errors } from '../../errors.js';
import { type Actor, auditChanges, writeAudit, writeAudits } from '../audit-log.js';
import { type BulkResult, bulkUpsert, chunked, setsDifferentValues } from './bulk-upsert.js';
import { checkTerritory, loadRefs } from './checks.js';
import { territoryReferences } from './references.js';
import { type TerritoryInput, type TerritoryView, territoryView } from './views.js';

/** A partial change laid over the stored territory: checks need the whole (team xor rep, min ≤ max). */
function merged(before: TerritoryView, input: Partial<TerritoryInput>): TerritoryInput {
  const next = { ...before, ...input };
  // Naming a team clears the rep and vice versa, so "move to team X" needs one field.
  if (input.teamId && input.repId === undefined) next.repId = null;
  if (input.repId && input.teamId === undefined) next.teamId = null;
  return next;
}

async function insertTerritories(
  trx: Transaction<Database>,
  inputs: TerritoryInput[],
  actor: Actor,
): Promise<TerritoryView[]> {
  const territories: TerritoryView[] = [];
  for (const chunk of chunked(inputs)) {
    const values = chunk.map((input) => ({
      id: input.id,
      name: input.name,
      priority: input.priority ?? 100,
      rules: JSON.stringify(input.rules),
      team_id: input.teamId ?? null,
      rep_id: input.repId ?? null,
    }));
    territories.push(
      ...(await trx.insertInto('territories').values(values).returningAll().execute()).map(territoryView),
    );
  }
  await writeAudits(
    trx,
    actor,
    territories.map(({ id, ...detail }) => ({
      action: 'territory.created',
      subjectType: 'territory',
      subjectId: id,
      detail,
    })),
  );
  return territories;
}

async function updateTerritoryRow(
  trx: Transaction<Database>,
  before: TerritoryView,
  next: TerritoryInput,
  actor: Actor,
): Promise<TerritoryView> {
  const row = await trx
    .updateTable('territories')
    .set({
      name: next.name,
      priority: next.priority ?? before.priority,
      rules: JSON.stringify(next.rules),
      team_id: next.teamId ?? null,
      rep_id: next.repId ?? null,
    })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const territory = territoryView(row);
  await auditChanges(trx, actor, 'territory', territory.id, before, territory);
  return territory;
}

/** Territories: rules on country, region, industry and size that send a lead to a team or a rep. */
export class TerritoryStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(id: string): Promise<TerritoryView> {
    const row = await this.db.selectFrom('territories').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw Errors.notFound('territory', id);
    return territoryView(row);
  }

  /** In the order they are checked. */
  async list(): Promise<TerritoryView[]> {
    return (await this.db.selectFrom('territories').selectAll().orderBy('priority').orderBy('id').execute()).map(
      territoryView,
    );
  }

  async create(input: TerritoryInput, actor: Actor): Promise<TerritoryView> {
    const problems = checkTerritory(input, await loadRefs(this.db));
    if (problems.length) throw Errors.invalidField(problems);
    if (await this.db.selectFrom('territories').select('id').where('id', '=', input.id).executeTakeFirst())
      throw Errors.conflict(`territory '${input.id}' already exists`, 'id');
    return this.db
      .transaction()
      .execute(async (trx) => (await insertTerritories(trx, [input], actor))[0] as TerritoryView);
  }

  async update(id: string, input: Partial<TerritoryInput>, actor: Actor): Promise<TerritoryView> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('territories').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!row) throw Errors.notFound('territory', id);
      const before = territoryView(row);
      const next = merged(before, input);
      const problems = checkTerritory(next, await loadRefs(trx));
      if (problems.length) throw Errors.invalidField(problems);
      return updateTerritoryRow(trx, before, next, actor);
    });
  }

  /** Refused (409) while a published workflow names the territory. */
  async remove(id: string, actor: Actor): Promise<void> {
    const territory = await this.get(id);
    const reasons = await territoryReferences(this.db, id);
    if (reasons.length) throw Errors.referenced('territory', id, reasons);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('territories').where('id', '=', id).execute();
      await writeAudit(trx, actor, {
        action: 'territory.deleted',
        subjectType: 'territory',
        subjectId: id,
        detail: { name: territory.name },
      });
    });
  }

  /** Upserts by id; an item replaces the stored territory's rules and target. */
  bulkUpsert(territories: TerritoryInput[], actor: Actor, dryRun = false): Promise<BulkResult> {
    return bulkUpsert<TerritoryInput, TerritoryView>(
      this.db,
      territories,
      {
        list: 'territories',
        keyField: 'id',
        keyOf: (territory) => territory.id,
        check: (territory, existing, refs, prefix) =>
          checkTerritory(existing ? merged(existing, territory) : territory, refs, prefix),
        findByKeys: async (trx, ids) =>
          new Map(
            (
              await trx
                .selectFrom('territories')
                .selectAll()
                .where('id', 'in', ids.length ? ids : [''])
                .execute()
            ).map((row) => [row.id, territoryView(row)]),
          ),
        createAll: async (trx, items) => void (await insertTerritories(trx, items, actor)),
        differs: (existing, territory) => setsDifferentValues(existing, merged(existing, territory)),
        update: async (trx, existing, territory) =>
          void (await updateTerritoryRow(trx, existing, merged(existing, territory), actor)),
      },
      dryRun,
    );
  }
}
