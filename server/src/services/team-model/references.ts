import type { NodeServerPart } from '@leadflow/nodes/server';
import type { Database } from '@leadflow/engine/db';
import { type Kysely, sql } from 'kysely';

/** Run states of a lead whose workflow is still going. */
const IN_FLIGHT = ['starting', 'running', 'waiting', 'error'] as const;

const count = (rows: { n: number | string | bigint }[]): number => Number(rows[0]?.n ?? 0);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
/** `1 rep belongs`, `2 reps belong`. */
const they = (n: number, word: string, verb: string, verbPlural: string): string =>
  `${plural(n, word)} ${n === 1 ? verb : verbPlural}`;
const names = (rows: { id: string }[], limit = 3): string =>
  rows
    .slice(0, limit)
    .map((r) => `'${r.id}'`)
    .join(', ') + (rows.length > limit ? ` and ${rows.length - limit} more` : '');

/**
 * Published workflow versions whose nodes name `id` under one of `keys` (e.g. an assign node's
 * `team`): each workflow's latest version, and any older version leads still run on.
 */
export async function workflowsReferring(db: Kysely<Database>, keys: readonly string[], id: string): Promise<string[]> {
  const versions = await sql<{
    name: string;
    version: number;
    document: { nodes?: { id: string; config?: unknown }[] };
  }>`
    SELECT w.name, v.version, v.document FROM workflow_versions v JOIN workflows w ON w.id = v.workflow_id
    WHERE (w.archived_at IS NULL AND v.version = (SELECT max(version) FROM workflow_versions m WHERE m.workflow_id = v.workflow_id))
       OR EXISTS (SELECT 1 FROM leads l WHERE l.workflow_id = v.workflow_id AND l.workflow_version = v.version AND l.run_status IN (${sql.join([...IN_FLIGHT])}))
    ORDER BY w.name, v.version`.execute(db);
  const found: string[] = [];
  for (const { name, version, document } of versions.rows) {
    const nodes = (document.nodes ?? []).filter((node) => mentions(node.config, keys, id));
    if (nodes.length) found.push(`workflow '${name}' v${version} (node ${nodes.map((n) => `'${n.id}'`).join(', ')})`);
  }
  return found;
}

function mentions(value: unknown, keys: readonly string[], id: string): boolean {
  if (Array.isArray(value)) return value.some((item) => mentions(item, keys, id));
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(
    ([key, inner]) => (keys.includes(key) && inner === id) || mentions(inner, keys, id),
  );
}

/** Why a rep cannot go at all: routing setup that names them and must be handed to someone else first. */
export async function repRoutingReferences(db: Kysely<Database>, repId: string): Promise<string[]> {
  const [accounts, territories, teams] = await Promise.all([
    db.selectFrom('accounts').select('domain as id').where('owner_rep_id', '=', repId).orderBy('domain').execute(),
    db.selectFrom('territories').select('id').where('rep_id', '=', repId).orderBy('id').execute(),
    db.selectFrom('teams').select('id').where('manager_rep_id', '=', repId).orderBy('id').execute(),
  ]);
  return [
    ...(accounts.length ? [`owns ${plural(accounts.length, 'account')} (${names(accounts)})`] : []),
    ...(territories.length
      ? [
          `is the rep of ${territories.length === 1 ? 'territory' : `${territories.length} territories`} (${names(territories)})`,
        ]
      : []),
    ...(teams.length ? [`manages ${plural(teams.length, 'team')} (${names(teams)})`] : []),
  ];
}

/** Rows that keep a rep's name in history: while any exists the rep is archived, never removed. */
export async function repHistoryReferences(
  db: Kysely<Database>,
  repId: string,
  nodeParts: readonly NodeServerPart[],
): Promise<Record<string, number>> {
  const tables = ['leads', 'assignments', 'notifications', 'api_tokens'] as const;
  const counts = await Promise.all(
    tables.map(async (table) => {
      const column = table === 'leads' ? 'owner_id' : 'rep_id';
      return count(
        await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${repId}`
          .execute(db)
          .then((r) => r.rows),
      );
    }),
  );
  const ofNodes = await Promise.all(nodeParts.map((part) => part.repReferences?.(db, repId) ?? {}));
  return Object.assign(
    Object.fromEntries(tables.map((table, i) => [table, counts[i] as number]).filter(([, n]) => (n as number) > 0)),
    ...ofNodes,
  );
}

/** What stops a team from being deleted. Archived reps do not: they leave the team with it. */
export async function teamReferences(db: Kysely<Database>, teamId: string): Promise<string[]> {
  const [reps, territories, leads, workflows] = await Promise.all([
    db
      .selectFrom('reps')
      .select('email as id')
      .where('team_id', '=', teamId)
      .where('archived_at', 'is', null)
      .orderBy('email')
      .execute(),
    db.selectFrom('territories').select('id').where('team_id', '=', teamId).orderBy('id').execute(),
    db
      .selectFrom('leads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('team_id', '=', teamId)
      .where('run_status', 'in', [...IN_FLIGHT])
      .execute(),
    workflowsReferring(db, ['team', 'teamId'], teamId),
  ]);
  return [
    ...(reps.length ? [`${they(reps.length, 'rep', 'belongs', 'belong')} to it (${names(reps)})`] : []),
    ...(territories.length ? [`territories route to it (${names(territories)})`] : []),
    ...(count(leads)
      ? [`${plural(count(leads), 'lead')} in flight ${count(leads) === 1 ? 'belongs' : 'belong'} to it`]
      : []),
    ...workflows.map((w) => `${w} routes to it`),
  ];
}

export async function territoryReferences(db: Kysely<Database>, territoryId: string): Promise<string[]> {
  return (await workflowsReferring(db, ['territory', 'territoryId'], territoryId)).map((w) => `${w} routes by it`);
}

export async function accountReferences(db: Kysely<Database>, accountId: string): Promise<string[]> {
  const leads = count(
    await db
      .selectFrom('leads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('account_id', '=', accountId)
      .execute(),
  );
  return leads
    ? [`${they(leads, 'lead', 'is', 'are')} matched to it; clear its owner instead to stop account routing`]
    : [];
}
