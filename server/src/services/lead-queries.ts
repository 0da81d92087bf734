import type { Database } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';
import type { LeadHistory, Waiting } from '../contract/leads.js';
import { Errors } from '../errors.js';
import { afterPosition, cursorTime, decodeCursor, keysetPage } from './keyset-cursor.js';
import { type LeadView, leadView } from './lead-view.js';
import type { OwnerScope } from './owner-scope.js';

export interface LeadFilters {
  status?: string;
  tier?: number;
  owner?: string;
  source?: string;
  workflow?: string;
  node?: string;
  runStatus?: string;
  /** Only leads still being worked: not disqualified and not won. */
  open?: boolean;
  q?: string;
  limit?: number;
  cursor?: string;
}

/** Read side for leads: one, a filtered page, and the node-by-node history. */
export class LeadQueries {
  constructor(private readonly db: Kysely<Database>) {}

  /** One lead; outside `scope` it is not found. */
  async get(id: string, scope?: OwnerScope): Promise<LeadView> {
    let query = this.db.selectFrom('leads').selectAll().where('id', '=', id);
    if (scope) query = query.where('owner_id', '=', scope.repId);
    const row = await query.executeTakeFirst();
    if (!row) throw Errors.notFound('lead', id);
    return leadView(row);
  }

  /** A page of leads; within `scope` only the rep's own, whatever the filters say. */
  async list(filters: LeadFilters, scope?: OwnerScope): Promise<{ leads: LeadView[]; nextCursor: string | null }> {
    const limit = Math.min(filters.limit ?? 50, 500);
    let query = this.db.selectFrom('leads').selectAll().select(cursorTime('created_at').as('cursor_at'));
    if (scope) query = query.where('owner_id', '=', scope.repId);
    if (filters.status) query = query.where('status', '=', filters.status);
    if (filters.tier !== undefined) query = query.where('tier', '=', filters.tier);
    if (filters.owner) query = query.where('owner_id', '=', filters.owner);
    if (filters.source) query = query.where('source', '=', filters.source);
    if (filters.workflow) query = query.where('workflow_id', '=', filters.workflow);
    if (filters.node) query = query.where('current_node_id', '=', filters.node);
    if (filters.runStatus) query = query.where('run_status', '=', filters.runStatus);
    if (filters.open) query = query.where('stage', 'not in', ['disqualified', 'won']);
    if (filters.q) {
      const like = `%${filters.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb('email', 'ilike', like),
          eb('company', 'ilike', like),
          eb('first_name', 'ilike', like),
          eb('last_name', 'ilike', like),
        ]),
      );
    }
    if (filters.cursor) query = query.where(afterPosition('created_at', 'id', decodeCursor(filters.cursor), 'desc'));
    const { rows, nextCursor } = keysetPage(
      await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute(),
      limit,
    );
    return { leads: rows.map(leadView), nextCursor };
  }

  /** Which of `ids` are in `scope`: what a rep's live lead stream may tell it changed. */
  /** Each lead's owner (null: none), for telling reps apart which of the changed leads are theirs. */
  async ownersOf(ids: readonly string[]): Promise<Map<string, string | null>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('leads').select(['id', 'owner_id']).where('id', 'in', ids).execute();
    return new Map(rows.map((row) => [row.id, row.owner_id]));
  }

  async history(id: string, scope?: OwnerScope): Promise<LeadHistory> {
    const lead = await this.get(id, scope);
    const [steps, events, assignments] = await Promise.all([
      this.db.selectFrom('steps').selectAll().where('lead_id', '=', id).orderBy('seq').execute(),
      this.db.selectFrom('lead_events').selectAll().where('lead_id', '=', id).orderBy('occurred_at').execute(),
      this.db
        .selectFrom('assignments')
        .leftJoin('reps', 'reps.id', 'assignments.rep_id')
        .select([
          'assignments.node_id',
          'assignments.visit',
          'assignments.rep_id',
          'reps.name',
          'assignments.reason',
          'assignments.candidates',
          'assignments.created_at',
        ])
        .where('lead_id', '=', id)
        .orderBy('assignments.created_at')
        .execute(),
    ]);
    return {
      lead,
      waiting: lead.run.waiting,
      steps: steps.map((s) => ({
        seq: s.seq,
        nodeId: s.node_id,
        nodeType: s.node_type,
        typeVersion: s.type_version,
        visit: s.visit,
        status: s.status,
        port: s.port,
        input: s.input,
        output: s.output,
        reason: s.reason,
        error: s.error,
        attempts: s.attempts,
        startedAt: new Date(s.started_at).toISOString(),
        endedAt: s.ended_at ? new Date(s.ended_at).toISOString() : null,
        waiting: s.waiting as Waiting | null,
        dataPrunedAt: s.data_pruned_at ? new Date(s.data_pruned_at).toISOString() : null,
      })),
      events: events.map((e) => ({
        id: e.id,
        type: e.type,
        data: e.data as Record<string, unknown>,
        occurredAt: new Date(e.occurred_at).toISOString(),
      })),
      assignments: assignments.map((a) => ({
        nodeId: a.node_id,
        visit: a.visit,
        repId: a.rep_id,
        repName: a.name,
        reason: a.reason,
        candidates: a.candidates,
        createdAt: a.created_at.toISOString(),
      })),
    };
  }
}
