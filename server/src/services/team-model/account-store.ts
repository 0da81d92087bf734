import type { Database } from '@leadflow/engine/db';
import type { Kysely, Transaction } from 'kysely';
import { Errors } from '../../errors.js';
import { type Actor, auditChanges, writeAudit, writeAudits } from '../audit-log.js';
import { type BulkResult, bulkUpsert, chunked, setsDifferentValues } from './bulk-upsert.js';
import { checkAccount, loadRefs } from './checks.js';
import { accountReferences } from './references.js';
import { type AccountInput, type AccountView, accountView, normalDomain } from './views.js';

async function insertAccounts(
  trx: Transaction<Database>,
  inputs: AccountInput[],
  actor: Actor,
): Promise<AccountView[]> {
  const accounts: AccountView[] = [];
  for (const chunk of chunked(inputs)) {
    const rows = await trx
      .insertInto('accounts')
      .values(
        chunk.map((input) => ({
          domain: normalDomain(input.domain),
          name: input.name,
          owner_rep_id: input.ownerRepId ?? null,
        })),
      )
      .returningAll()
      .execute();
    accounts.push(...rows.map(accountView));
  }
  await writeAudits(
    trx,
    actor,
    accounts.map((account) => ({
      action: 'account.created',
      subjectType: 'account',
      subjectId: account.id,
      detail: { domain: account.domain, name: account.name, ownerRepId: account.ownerRepId },
    })),
  );
  return accounts;
}

async function updateAccountRow(
  trx: Transaction<Database>,
  before: AccountView,
  input: Partial<AccountInput>,
  actor: Actor,
): Promise<AccountView> {
  const changes = {
    ...(input.domain !== undefined && { domain: normalDomain(input.domain) }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.ownerRepId !== undefined && { owner_rep_id: input.ownerRepId }),
  };
  // A PATCH that names no field changes nothing (an UPDATE with an empty SET is not SQL).
  if (Object.keys(changes).length === 0) return before;
  const row = await trx
    .updateTable('accounts')
    .set(changes)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const account = accountView(row);
  await auditChanges(trx, actor, 'account', account.id, before, account);
  return account;
}

/** Accounts: email domain → owner, for account-based routing. */
export class AccountStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(id: string): Promise<AccountView> {
    const row = await this.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw Errors.notFound('account', id);
    return accountView(row);
  }

  async list(): Promise<AccountView[]> {
    return (await this.db.selectFrom('accounts').selectAll().orderBy('domain').execute()).map(accountView);
  }

  private async checkOne(input: Partial<AccountInput>, id?: string): Promise<void> {
    const problems = checkAccount(input, await loadRefs(this.db));
    if (problems.length) throw Errors.invalidField(problems);
    if (input.domain !== undefined) {
      const domain = normalDomain(input.domain);
      let query = this.db.selectFrom('accounts').select('id').where('domain', '=', domain);
      if (id) query = query.where('id', '!=', id);
      if (await query.executeTakeFirst())
        throw Errors.conflict(`an account with domain '${domain}' already exists`, 'domain');
    }
  }

  async create(input: AccountInput, actor: Actor): Promise<AccountView> {
    await this.checkOne(input);
    return this.db.transaction().execute(async (trx) => (await insertAccounts(trx, [input], actor))[0] as AccountView);
  }

  async update(id: string, input: Partial<AccountInput>, actor: Actor): Promise<AccountView> {
    await this.checkOne(input, id);
    return this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('accounts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw Errors.notFound('account', id);
      return updateAccountRow(trx, accountView(before), input, actor);
    });
  }

  /** Refused (409) while leads are matched to the account: its history would lose them. */
  async remove(id: string, actor: Actor): Promise<void> {
    const account = await this.get(id);
    const reasons = await accountReferences(this.db, id);
    if (reasons.length) throw Errors.referenced('account', account.domain, reasons);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('accounts').where('id', '=', id).execute();
      await writeAudit(trx, actor, {
        action: 'account.deleted',
        subjectType: 'account',
        subjectId: id,
        detail: { domain: account.domain, name: account.name },
      });
    });
  }

  /** Upserts by domain. */
  bulkUpsert(accounts: AccountInput[], actor: Actor, dryRun = false): Promise<BulkResult> {
    return bulkUpsert<AccountInput, AccountView>(
      this.db,
      accounts,
      {
        list: 'accounts',
        keyField: 'domain',
        keyOf: (account) => normalDomain(account.domain),
        check: (account, _existing, refs, prefix) => checkAccount(account, refs, prefix),
        findByKeys: async (trx, domains) =>
          new Map(
            (
              await trx
                .selectFrom('accounts')
                .selectAll()
                .where('domain', 'in', domains.length ? domains : [''])
                .execute()
            ).map((row) => [row.domain, accountView(row)]),
          ),
        createAll: async (trx, items) => void (await insertAccounts(trx, items, actor)),
        differs: (existing, account) =>
          setsDifferentValues(existing, { ...account, domain: normalDomain(account.domain) }),
        update: async (trx, existing, account) => void (await updateAccountRow(trx, existing, account, actor)),
      },
      dryRun,
    );
  }
}
