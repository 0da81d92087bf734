/**
 * The lead as the workflow sees it: a flat record of normalized fields that branch
 * conditions and score rules read. Kept sandbox-safe (plain data, no I/O).
 */
export interface LeadContext {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  /** As the lead typed it. */
  company: string | null;
  /** Legal suffix and case removed ("beispiel" for "Beispiel GmbH"): what matching compares. */
  companyNormalized: string | null;
  title: string | null;
  /** E.164, or null when the number given could not be read. */
  phone: string | null;
  /** The phone number as typed. */
  phoneRaw: string | null;
  /** Whether the number could be read; null when the lead gave none. */
  phoneValid: boolean | null;
  country: string | null;
  region: string | null;
  industry: string | null;
  employees: number | null;
  source: string | null;
  channel: string | null;
  status: string;
  emailDomain: string | null;
  companyDomain: string | null;
  isFreeEmail: boolean | null;
  accountId: string | null;
  accountOwnerId: string | null;
  fitScore: number | null;
  intentScore: number | null;
  score: number | null;
  tier: number | null;
  mql: boolean | null;
  sql: boolean | null;
  ownerId: string | null;
  ownerName: string | null;
  /** IANA time zone of the owner, for waits like "next business day 09:00 in the owner's time zone". */
  ownerTimezone: string | null;
  teamId: string | null;
  disqualificationReason: string | null;
  /** Counts of events received so far, by type (e.g. `events.contacted`). */
  events: Record<string, number>;
  /** Customer-defined fields from the capture payload. */
  custom: Record<string, unknown>;
}

/** A change to the lead made by a node; merged into the workflow's copy and persisted. */
export type LeadPatch = Partial<Omit<LeadContext, 'id' | 'events'>>;

export type FieldType = 'string' | 'number' | 'boolean' | 'object';

/** Field name → type, used to type-check expressions at compile time. */
export const LEAD_FIELDS: Readonly<Record<keyof LeadContext, FieldType>> = {
  id: 'string',
  email: 'string',
  firstName: 'string',
  lastName: 'string',
  fullName: 'string',
  company: 'string',
  companyNormalized: 'string',
  title: 'string',
  phone: 'string',
  phoneRaw: 'string',
  phoneValid: 'boolean',
  country: 'string',
  region: 'string',
  industry: 'string',
  employees: 'number',
  source: 'string',
  channel: 'string',
  status: 'string',
  emailDomain: 'string',
  companyDomain: 'string',
  isFreeEmail: 'boolean',
  accountId: 'string',
  accountOwnerId: 'string',
  fitScore: 'number',
  intentScore: 'number',
  score: 'number',
  tier: 'number',
  mql: 'boolean',
  sql: 'boolean',
  ownerId: 'string',
  ownerName: 'string',
  ownerTimezone: 'string',
  teamId: 'string',
  disqualificationReason: 'string',
  events: 'object',
  custom: 'object',
};

/** Lead events the product knows; others are declared in the event catalog (`/api/event-types`). */
export const LEAD_EVENT_TYPES = [
  'contacted',
  'replied',
  'meeting_booked',
  'disqualified',
  'status_changed',
  'resubmitted',
  'page_visited',
  'content_downloaded',
  'email_opened',
  'demo_requested',
  'retry',
  'task_completed',
] as const;

export function applyLeadPatch(lead: LeadContext, patch: LeadPatch): LeadContext {
  return { ...lead, ...patch, custom: patch.custom ? { ...lead.custom, ...patch.custom } : lead.custom };
}
