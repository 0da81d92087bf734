import type { NodeActivityContext } from '@leadflow/engine/worker';

export interface FakeAccount {
  id: string;
  domain: string;
  name: string;
  owner_rep_id: string | null;
}

/**
 * Just the one query known_accounts runs: `selectFrom('accounts').select(…).where('domain', '=', d).executeTakeFirst()`.
 * `fail` makes it throw like a database that is down; `queries` counts lookups.
 */
export function fakeAccountsDb(accounts: readonly FakeAccount[], options: { fail?: string } = {}): { db: NodeActivityContext['db']; queries: string[] } {
  const queries: string[] = [];
  const db = {
    selectFrom: () => ({
      select: () => ({
        where: (_column: string, _op: string, domain: string) => ({
          executeTakeFirst: async () => {
            queries.push(domain);
            if (options.fail) throw new Error(options.fail);
            return accounts.find((account) => account.domain === domain);
          },
        }),
      }),
    }),
  };
  return { db: db as unknown as NodeActivityContext['db'], queries };
}
