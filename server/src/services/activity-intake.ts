import type { LeadEvent } from '@leadflow/engine';
import type { Database } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import { Errors } from '../errors.js';
import type { ActivityBody } from '../schemas/intake-schemas.js';
import type { LeadEvents } from './lead-events.js';

export type ActivityInput = Static<typeof ActivityBody>;

/** The detail each intent event must carry: what score rules and people read. */
const DETAIL = { page_visited: 'url', content_downloaded: 'asset', email_opened: 'campaign', demo_requested: null } as const;

/**
 * Intent signals (page visits, downloads, opens, demo requests) for a lead named by id or email.
 * They go through LeadEvents like any outside event, so score v2 re-runs and waits wake.
 */
export class ActivityIntake {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly events: LeadEvents,
  ) {}

  async post(input: ActivityInput): Promise<{ leadId: string; event: LeadEvent; delivered: boolean }> {
    const detail = DETAIL[input.type];
    const value = detail ? input[detail] : undefined;
    if (detail && (value === undefined || value.trim() === '')) throw Errors.invalidField([{ path: detail, message: `is required for a ${input.type} event` }]);
    const leadId = await this.leadIdOf(input);
    const data = detail ? { [detail]: (value as string).trim() } : {};
    const posted = await this.events.post(leadId, { type: input.type, data, ...(input.occurredAt && { occurredAt: input.occurredAt }) });
    return { leadId, ...posted };
  }

  private async leadIdOf(input: ActivityInput): Promise<string> {
    if (input.leadId !== undefined && input.email !== undefined) throw Errors.invalidField([{ path: 'email', message: 'send leadId or email, not both' }]);
    if (input.leadId !== undefined) return input.leadId;
    if (input.email === undefined) throw Errors.invalidField([{ path: 'leadId', message: 'is required (or send email)' }]);
    // Leads keep their address trimmed and in lower case (see capture's normalizeEmail).
    const email = input.email.trim().toLowerCase();
    const lead = await this.db.selectFrom('leads').select('id').where('email_normalized', '=', email).executeTakeFirst();
    if (!lead) throw Errors.noLeadWithEmail(input.email);
    return lead.id;
  }
}
