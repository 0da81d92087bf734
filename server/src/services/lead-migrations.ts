import type { NodeRegistry, Plan } from '@leadflow/engine';
import type { Database } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';
import { Errors } from '../errors.js';
import { type Actor, writeAudits } from './audit-log.js';
import type { LeadRuns } from './lead-runs.js';
import type { WorkflowStore } from './workflow-store.js';

export interface MigrationRequest {
  fromVersion: number;
  toVersion: number;
  /** Node of the old version → node of the new one; a node left out maps to the node of the same id. */
  nodeMap?: Record<string, string>;
  dryRun?: boolean;
}

export interface MigrationMove {
  leadId: string;
  email: string;
  from: string;
  to: string;
}

export interface MigrationReport {
  dryRun: boolean;
  fromVersion: number;
  toVersion: number;
  /** Leads that would move (dry run) or moved. */
  moves: MigrationMove[];
  /** Leads that cannot move, with why. */
  blocked: Array<{ leadId: string; email: string; nodeId: string | null; reason: string }>;
  /** By node of the old version: how many leads wait there and where they go. */
  byNode: Array<{ from: string; to: string | null; leads: number; reason?: string }>;
}

/** Runs at once when moving many leads: enough to go fast, few enough not to crowd the workers. */
const PARALLEL = 16;

/**
 * Moves leads waiting on an old version of a workflow onto a newer one, each at its wait, mapped
 * node by node — opt-in, reviewed as a dry run first. A lead waits at a wait node (or is parked on
 * an error there); it moves to a wait of the new version (a parked lead: to any node, where it
 * runs again). Each move is recorded in the lead's trail (by its run) and in the audit log.
 */
export class LeadMigrations {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly workflows: WorkflowStore,
    private readonly runs: LeadRuns,
    private readonly registry: NodeRegistry,
  ) {}

  async migrate(workflowIdOrSlug: string, request: MigrationRequest, actor: Actor): Promise<MigrationReport> {
    if (request.toVersion === request.fromVersion)
      throw Errors.invalidField([{ path: 'toVersion', message: 'must differ from fromVersion' }]);
    const workflow = await this.workflows.find(workflowIdOrSlug);
    // A version number in the body that the workflow lacks is bad input naming its field (422);
    // 404 stays for the workflow in the path.
    const published = (await this.workflows.versions(workflow.id)).map((version) => version.version);
    const missing = (['fromVersion', 'toVersion'] as const).filter((field) => !published.includes(request[field]));
    if (missing.length > 0) {
      const have =
        published.length > 0
          ? `its versions are ${[...published].reverse().join(', ')}`
          : 'it has no published version yet';
      throw Errors.invalidField(
        missing.map((field) => ({
          path: field,
          message: `workflow “${workflow.name}” has no version ${request[field]} (${have})`,
        })),
      );
    }
    const to = await this.workflows.version(workflow.id, request.toVersion);
    const leads = await this.db
      .selectFrom('leads')
      .select(['id', 'email', 'current_node_id', 'run_status'])
      .where('workflow_id', '=', workflow.id)
      .where('workflow_version', '=', request.fromVersion)
      .where('run_status', 'in', ['starting', 'running', 'waiting', 'error'])
      .orderBy('created_at')
      .execute();

    const report: MigrationReport = {
      dryRun: request.dryRun ?? false,
      fromVersion: request.fromVersion,
      toVersion: request.toVersion,
      moves: [],
      blocked: [],
      byNode: [],
    };
    for (const lead of leads) {
      const target = this.target(to.plan, lead.current_node_id, lead.run_status, request.nodeMap ?? {});
      if ('reason' in target)
        report.blocked.push({
          leadId: lead.id,
          email: lead.email,
          nodeId: lead.current_node_id,
          reason: target.reason,
        });
      else
        report.moves.push({
          leadId: lead.id,
          email: lead.email,
          from: lead.current_node_id as string,
          to: target.nodeId,
        });
    }
    if (!report.dryRun) await this.execute(report, to.plan, actor);
    report.byNode = byNode(report);
    return report;
  }

  /** Where a lead at `nodeId` goes in the new plan, or why it cannot move. */
  private target(
    plan: Plan,
    nodeId: string | null,
    runStatus: string,
    nodeMap: Record<string, string>,
  ): { nodeId: string } | { reason: string } {
    if (runStatus === 'starting' || runStatus === 'running' || !nodeId)
      return { reason: 'it is running between nodes, not waiting; migrate once it waits' };
    const targetId = nodeMap[nodeId] ?? nodeId;
    const node = plan.nodes[targetId];
    if (!node)
      return {
        reason: nodeMap[nodeId]
          ? `the node map sends it to '${targetId}', which the new version lacks`
          : `the new version has no node '${nodeId}'; map it to one in nodeMap`,
      };
    const waits = this.registry.get(node.type, node.typeVersion)?.waits === true;
    if (runStatus === 'waiting' && !waits)
      return {
        reason: `node '${targetId}' of the new version is a ${node.type}, not a wait; a waiting lead moves to a wait`,
      };
    return { nodeId: targetId };
  }

  private async execute(report: MigrationReport, plan: Plan, actor: Actor): Promise<void> {
    const moves = [...report.moves];
    report.moves = [];
    const moved: MigrationMove[] = [];
    for (let start = 0; start < moves.length; start += PARALLEL) {
      await Promise.all(
        moves.slice(start, start + PARALLEL).map(async (move) => {
          const answer = await this.runs.migrate(move.leadId, {
            toVersion: report.toVersion,
            plan,
            nodeId: move.to,
            fromNodeId: move.from,
            by: actor.name,
          });
          if (answer.accepted) moved.push(move);
          else
            report.blocked.push({
              leadId: move.leadId,
              email: move.email,
              nodeId: move.from,
              reason: `its run refused: ${answer.reason}`,
            });
        }),
      );
    }
    report.moves = moved;
    if (moved.length === 0) return;
    await this.db.transaction().execute((trx) =>
      writeAudits(
        trx,
        actor,
        moved.map((move) => ({
          action: 'lead.migrated',
          subjectType: 'lead',
          subjectId: move.leadId,
          detail: {
            fromVersion: report.fromVersion,
            toVersion: report.toVersion,
            fromNode: move.from,
            toNode: move.to,
          },
        })),
      ),
    );
  }
}

function byNode(report: MigrationReport): MigrationReport['byNode'] {
  const rows = new Map<string, { from: string; to: string | null; leads: number; reason?: string }>();
  for (const move of report.moves) {
    const key = `${move.from}→${move.to}`;
    rows.set(key, { from: move.from, to: move.to, leads: (rows.get(key)?.leads ?? 0) + 1 });
  }
  for (const lead of report.blocked) {
    const key = `${lead.nodeId}✗${lead.reason}`;
    rows.set(key, {
      from: lead.nodeId ?? '(running)',
      to: null,
      leads: (rows.get(key)?.leads ?? 0) + 1,
      reason: lead.reason,
    });
  }
  return [...rows.values()];
}
