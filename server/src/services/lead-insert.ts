import type { LeadTable } from '@leadflow/engine/db';
import type { NormalizedLead } from '@leadflow/nodes';
import type { Insertable } from 'kysely';

/** The known account of a lead's business email domain (capture v2 matchAccount), with its owner. */
export interface LinkedAccount {
  id: string;
  owner_rep_id: string | null;
}

/**
 * The leads row for a lead that passed intake, the same whichever channel it came by (capture
 * API, CSV import), so every lead is stored alike.
 */
export function leadInsertValues(
  workflow: { id: string; version: number },
  lead: NormalizedLead,
  account: LinkedAccount | undefined,
  idempotency: { key: string; hash?: string } | null,
): Insertable<LeadTable> {
  const touch = JSON.stringify(lead.touch);
  return {
    workflow_id: workflow.id,
    workflow_version: workflow.version,
    email: lead.email,
    email_normalized: lead.email,
    // Unique like email_normalized: the same person sent twice at once inserts one lead.
    person_key: lead.personKey,
    first_name: lead.firstName,
    last_name: lead.lastName,
    company: lead.company,
    company_normalized: lead.companyNormalized,
    title: lead.title,
    phone: lead.phone,
    phone_raw: lead.phoneRaw,
    phone_valid: lead.phoneValid,
    country: lead.country,
    source: lead.source,
    channel: lead.channel,
    account_id: account?.id ?? null,
    fields: JSON.stringify({
      fullName: lead.fullName,
      ...(account?.owner_rep_id && { accountOwnerId: account.owner_rep_id }),
    }),
    custom: JSON.stringify(lead.custom),
    first_touch: touch,
    last_touch: touch,
    idempotency_key: idempotency?.key ?? null,
    idempotency_hash: idempotency?.hash ?? null,
  };
}
