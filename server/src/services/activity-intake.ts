import type { LeadEvent } from '@leadflow/engine';
import type { Database } from '@leadflow/engine/db';
import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import { Errors } from '../errors.js';
import type { ActivityBody } from '../contract/intake.js';
import type { LeadEvents } from './lead-events.js';

export type ActivityInput = Static<typeof ActivityBody>;

/** An intent event recorded for a lead, and whether its run took it at once. */
export interface PostedActivity {
  leadId: string;
  event: LeadEvent;
  delivered: boolean;
}

/** The detail each intent event must carry: what score rules and people read. */
const DETAIL = {
  page_visited: 'url',
  content_downloaded: 'asset',
  email_opened: 'campaign',
  demo_requested: null,
} as const;

/**
 * Intent signals (page visits, downloads, opens, demo requests) for a lead named by id or email.
 * They go through LeadEvents like any outside event, so score v2 re-runs and waits wake. Callers
 * on the public side (capture tokens, signed webhooks) use `record` and answer alike whether the
 * lead exists, so they cannot ask who is a lead.
 */
export class ActivityIntake {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly events: LeadEvents,
  ) {}

  /** As `record`, but a lead that does not exist is a 404 naming it: for callers who may read leads anyway. */
  async post(input: ActivityInput): Promise<PostedActivity> {
    const posted = await this.record(input);
    if (!posted)
      throw input.email !== undefined
        ? Errors.noLeadWithEmail(input.email)
        : Errors.notFound('lead', input.leadId ?? '');
    return posted;
  }

  /**
   * Records the event for the lead with that id or email; null, recording nothing, when no lead has
   * it. Bad input is refused before any lead is looked up, so known and unknown addresses get the
   * same errors.
   */
  async record(input: ActivityInput): Promise<PostedActivity | null> {
    const detail = DETAIL[input.type];
    const value = detail ? input[detail] : undefined;
    if (detail && (value === undefined || value.trim() === '')) {
      throw Errors.invalidField([{ path: detail, message: `is required for a ${input.type} event` }]);
    }
    if (input.leadId !== undefined && input.email !== undefined) {
      throw Errors.invalidField([{ path: 'email', message: 'send leadId or email, not both' }]);
    }
    if (input.leadId === undefined && input.email === undefined) {
      throw Errors.invalidField([{ path: 'leadId', message: 'is required (or send email)' }]);
    }
    const leadId = await this.leadIdOf(input);
    if (!leadId) return null;
    const data = detail ? { [detail]: (value as string).trim() } : {};
    const posted = await this.events.post(leadId, {
      type: input.type,
      data,
      ...(input.occurredAt && { occurredAt: input.occurredAt }),
    });
    return { leadId, event: posted.event, delivered: posted.delivered };
  }

  private async leadIdOf(input: ActivityInput): Promise<string | null> {
    const query = this.db.selectFrom('leads').select('id');
    // Leads keep their address trimmed and in lower case (see capture's normalizeEmail).
    const found =
      input.leadId !== undefined
        ? query.where('id', '=', input.leadId)
        : query.where('email_normalized', '=', (input.email as string).trim().toLowerCase());
    return (await found.executeTakeFirst())?.id ?? null;
  }
}
