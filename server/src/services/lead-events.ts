import type { LeadEvent } from '@leadflow/engine';
import { type Database, recordStageSignals, stageSignalOfEvent } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';
import { Errors } from '../errors.js';
import type { LeadRuns } from './lead-runs.js';
import type { OwnerScope } from './owner-scope.js';

export interface PostedEvent {
  type: string;
  data?: Record<string, unknown>;
  occurredAt?: string;
}

/** Records an outside event on the lead (and the funnel stage it reaches), then delivers it to the lead's run. */
export class LeadEvents {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly runs: LeadRuns,
  ) {}

  /** Within `scope` only the rep's own leads take events; others are not found. */
  async post(leadId: string, posted: PostedEvent, scope?: OwnerScope): Promise<{ event: LeadEvent; delivered: boolean }> {
    let query = this.db.selectFrom('leads').select(['id']).where('id', '=', leadId);
    if (scope) query = query.where('owner_id', '=', scope.repId);
    const lead = await query.executeTakeFirst();
    if (!lead) throw Errors.notFound('lead', leadId);
    const occurredAt = posted.occurredAt ? new Date(posted.occurredAt) : new Date();
    const status = posted.type === 'status_changed' ? posted.data?.status : undefined;
    if (posted.type === 'status_changed' && (typeof status !== 'string' || !/^[a-z][a-z_]*$/.test(status))) {
      throw Errors.invalidRequest([{ path: 'data.status', message: 'a status_changed event needs data.status, e.g. "qualified"' }]);
    }
    const signal = stageSignalOfEvent(posted.type, posted.data);
    const row = await this.db.transaction().execute(async (trx) => {
      if (typeof status === 'string') await trx.updateTable('leads').set({ status, updated_at: new Date() }).where('id', '=', leadId).execute();
      const inserted = await trx
        .insertInto('lead_events')
        .values({ lead_id: leadId, type: posted.type, data: JSON.stringify(posted.data ?? {}), occurred_at: occurredAt })
        .returning(['id', 'occurred_at'])
        .executeTakeFirstOrThrow();
      if (signal) await recordStageSignals(trx, leadId, [{ signal, at: inserted.occurred_at, eventId: inserted.id }]);
      return inserted;
    });
    const event: LeadEvent = { id: row.id, type: posted.type, at: row.occurred_at.toISOString(), data: posted.data ?? {} };
    return { event, delivered: await this.runs.signal(leadId, event) };
  }
}
