import { type Selectable, sql, type Updateable } from 'kysely';
import type { LeadContext, LeadPatch } from '../lead/lead-context.js';
import type { LeadTable } from './schema.js';

/** Lead-context fields stored in a column of their own (queried, indexed); the rest go to `fields`. */
const COLUMNS = {
  email: 'email',
  firstName: 'first_name',
  lastName: 'last_name',
  company: 'company',
  companyNormalized: 'company_normalized',
  title: 'title',
  phone: 'phone',
  phoneRaw: 'phone_raw',
  phoneValid: 'phone_valid',
  country: 'country',
  source: 'source',
  channel: 'channel',
  status: 'status',
  fitScore: 'fit_score',
  intentScore: 'intent_score',
  score: 'score',
  tier: 'tier',
  ownerId: 'owner_id',
  teamId: 'team_id',
  accountId: 'account_id',
  disqualificationReason: 'disqualification_reason',
} as const satisfies Partial<Record<keyof LeadContext, keyof LeadTable>>;

type ColumnField = keyof typeof COLUMNS;

export type LeadRow = Selectable<LeadTable>;

/** The lead-context fields that live in columns of their own, read from a row. */
export function leadColumns(row: LeadRow): Pick<LeadContext, ColumnField | 'id'> {
  return {
    id: row.id,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    company: row.company,
    companyNormalized: row.company_normalized,
    title: row.title,
    phone: row.phone,
    phoneRaw: row.phone_raw,
    phoneValid: row.phone_valid,
    country: row.country,
    source: row.source,
    channel: row.channel,
    status: row.status,
    fitScore: row.fit_score,
    intentScore: row.intent_score,
    score: row.score,
    tier: row.tier,
    ownerId: row.owner_id,
    teamId: row.team_id,
    accountId: row.account_id,
    disqualificationReason: row.disqualification_reason,
  };
}

/** The workflow's view of a stored lead. */
export function leadContextFromRow(row: LeadRow, events: Record<string, number> = {}): LeadContext {
  const fields = row.fields as Partial<LeadContext>;
  return {
    fullName: null,
    region: null,
    industry: null,
    employees: null,
    emailDomain: null,
    companyDomain: null,
    isFreeEmail: null,
    accountOwnerId: null,
    mql: null,
    sql: null,
    ownerName: null,
    ownerTimezone: null,
    ...fields,
    ...leadColumns(row),
    events,
    custom: row.custom as Record<string, unknown>,
  };
}

/** Splits a patch into column updates and a jsonb merge of the other fields. */
export function leadPatchToUpdate(patch: LeadPatch): Updateable<LeadTable> {
  const update: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'custom') continue;
    const column = COLUMNS[key as ColumnField];
    if (column) update[column] = value;
    else extra[key] = value;
  }
  if (Object.keys(extra).length > 0) update.fields = sql`fields || ${JSON.stringify(extra)}::jsonb`;
  if (patch.custom) update.custom = sql`custom || ${JSON.stringify(patch.custom)}::jsonb`;
  return update as Updateable<LeadTable>;
}
