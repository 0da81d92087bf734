import type { Database } from '@leadflow/engine/db';
import type { NormalizedLead } from '@leadflow/nodes';
import type { Insertable } from 'kysely';

/** The row for a lead that intake accepted: its columns, its touches and the account it belongs to. */
export function newLeadValues(input: {
  workflowId: string;
  version: number;
  lead: NormalizedLead;
  account: { id: string; owner_rep_id: string | null } | undefined;
  idempotencyKey: string | null;
}): Insertable<Database['leads']> {
  const { lead, account } = input;
  const touch = JSON.stringify(lead.touch);
  return {
    workflow_id: input.workflowId,
    workflow_version: input.version,
    email: lead.email,
    email_normalized: lead.email,
    // Unique like email_normalized: the same person sent twice at once inserts one lead.
    person_key: lead.personKey,
    first_name: lead.firstName,
    last_name: lead.lastName,
    company: lead.company,
    title: lead.title,
    phone: lead.phone,
    country: lead.country,
    source: lead.source,
    channel: lead.channel,
    account_id: account?.id ?? null,
    fields: JSON.stringify({ fullName: lead.fullName, ...(account?.owner_rep_id && { accountOwnerId: account.owner_rep_id }) }),
    custom: JSON.stringify(lead.custom),
    first_touch: touch,
    last_touch: touch,
    idempotency_key: input.idempotencyKey,
  };
}
