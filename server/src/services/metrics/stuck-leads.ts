import type { Database } from '@leadflow/engine/db';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { MetricScope } from './metric-scope.js';
import type { StuckLeads as StuckReport, Unscoped } from '../../contract/metrics.js';

/** How many stuck leads are listed one by one (the counts cover all). */
export const STUCK_LIST_LIMIT = 100;

export type StuckLead = StuckLeads['leads'][number];

/** StuckSchema without its scope. */
export type StuckLeads = Unscoped<StuckReport>;

/**
 * Leads sitting at a node since before now − stuckMinutes, found by the `leads_node_since`
 * index. Describes now, whatever the capture range; the team and source filters apply.
 */
export async function stuckLeads(
  db: Kysely<Database>,
  scope: MetricScope,
  stuckMinutes: number,
  now = new Date(),
): Promise<StuckLeads> {
  const before = new Date(now.getTime() - stuckMinutes * 60_000);
  const filters: RawBuilder<unknown>[] = [];
  if (scope.team) filters.push(sql`AND l.team_id = ${scope.team}`);
  if (scope.source) filters.push(sql`AND l.source = ${scope.source}`);
  const filter = sql.join(filters, sql` `);
  const stuck = sql`l.current_node_id IS NOT NULL AND l.node_since < ${before} ${filter}`;
  const [byNode, leads, notStarted] = await Promise.all([
    sql<{ workflow_id: string; workflow_name: string; node_id: string; n: number; oldest: Date }>`
      SELECT l.workflow_id, w.name AS workflow_name, l.current_node_id AS node_id, count(*)::int AS n, min(l.node_since) AS oldest
      FROM leads l JOIN workflows w ON w.id = l.workflow_id
      WHERE ${stuck}
      GROUP BY l.workflow_id, w.name, l.current_node_id
      ORDER BY n DESC, oldest`.execute(db),
    sql<{
      id: string;
      email: string;
      first_name: string | null;
      last_name: string | null;
      company: string | null;
      workflow_id: string;
      workflow_name: string;
      node_id: string;
      run_status: string;
      owner_id: string | null;
      owner_name: string | null;
      since: Date;
    }>`
      SELECT l.id, l.email, l.first_name, l.last_name, l.company, l.workflow_id, w.name AS workflow_name, l.current_node_id AS node_id, l.run_status,
        l.owner_id, r.name AS owner_name, l.node_since AS since
      FROM leads l JOIN workflows w ON w.id = l.workflow_id LEFT JOIN reps r ON r.id = l.owner_id
      WHERE ${stuck}
      ORDER BY l.node_since, l.id
      LIMIT ${STUCK_LIST_LIMIT}`.execute(db),
    sql<{ n: number }>`
      SELECT count(*)::int AS n FROM leads l WHERE l.workflow_started_at IS NULL AND l.created_at < ${before} ${filter}`.execute(
      db,
    ),
  ]);
  return {
    stuckMinutes,
    asOf: now.toISOString(),
    n: byNode.rows.reduce((sum, row) => sum + row.n, 0),
    byNode: byNode.rows.map((row) => ({
      workflowId: row.workflow_id,
      workflowName: row.workflow_name,
      nodeId: row.node_id,
      n: row.n,
      oldestSince: row.oldest.toISOString(),
    })),
    leads: leads.rows.map((row) => ({
      id: row.id,
      email: row.email,
      name: [row.first_name, row.last_name].filter(Boolean).join(' ') || null,
      company: row.company,
      workflowId: row.workflow_id,
      workflowName: row.workflow_name,
      nodeId: row.node_id,
      runStatus: row.run_status,
      ownerId: row.owner_id,
      ownerName: row.owner_name,
      since: row.since.toISOString(),
      minutes: Math.floor((now.getTime() - row.since.getTime()) / 60_000),
    })),
    notStarted: notStarted.rows[0]?.n ?? 0,
  };
}
