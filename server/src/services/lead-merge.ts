import type { LeadPatch } from '@leadflow/engine';
import type { LeadRow, LeadTable } from '@leadflow/engine/db';
import type { MergePolicy, NormalizedLead } from '@leadflow/nodes';
import type { Updateable } from 'kysely';

/** One field a resubmission changed: what the lead held and what it holds now. */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

export interface MergeResult {
  /** The columns to write; empty when nothing changes. */
  update: Updateable<LeadTable>;
  /** By the API's field names (`company`, `custom.plan`), for the `resubmitted` event and the history. */
  changes: Record<string, FieldChange>;
  /** The same change as the run's lead context sees it, applied by the run when the event reaches it. */
  patch: LeadPatch;
}

/** A lead field a submission carries, with the columns that move together with it. */
interface MergeableField {
  name: string;
  stored(row: LeadRow): unknown;
  given(lead: NormalizedLead): unknown;
  columns(lead: NormalizedLead): Updateable<LeadTable>;
  context(lead: NormalizedLead): LeadPatch;
}

const FIELDS: readonly MergeableField[] = [
  {
    name: 'firstName',
    stored: (row) => row.first_name,
    given: (lead) => lead.firstName,
    columns: (lead) => ({ first_name: lead.firstName }),
    context: (lead) => ({ firstName: lead.firstName }),
  },
  {
    name: 'lastName',
    stored: (row) => row.last_name,
    given: (lead) => lead.lastName,
    columns: (lead) => ({ last_name: lead.lastName }),
    context: (lead) => ({ lastName: lead.lastName }),
  },
  {
    name: 'company',
    stored: (row) => row.company,
    given: (lead) => lead.company,
    columns: (lead) => ({ company: lead.company, company_normalized: lead.companyNormalized }),
    context: (lead) => ({ company: lead.company, companyNormalized: lead.companyNormalized }),
  },
  {
    name: 'title',
    stored: (row) => row.title,
    given: (lead) => lead.title,
    columns: (lead) => ({ title: lead.title }),
    context: (lead) => ({ title: lead.title }),
  },
  {
    // Compared as typed: a number that could not be read is still a number the lead gave.
    name: 'phone',
    stored: (row) => row.phone_raw ?? row.phone,
    given: (lead) => lead.phoneRaw,
    columns: (lead) => ({ phone: lead.phone, phone_raw: lead.phoneRaw, phone_valid: lead.phoneValid }),
    context: (lead) => ({ phone: lead.phone, phoneRaw: lead.phoneRaw, phoneValid: lead.phoneValid }),
  },
  {
    name: 'country',
    stored: (row) => row.country,
    given: (lead) => lead.country,
    columns: (lead) => ({ country: lead.country }),
    context: (lead) => ({ country: lead.country }),
  },
];

const empty = (value: unknown): boolean => value === null || value === undefined || value === '';
const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

function takes(policy: MergePolicy, stored: unknown, given: unknown): boolean {
  if (empty(given) || same(stored, given)) return false;
  return policy === 'overwrite' || (policy === 'fillEmpty' && empty(stored));
}

/**
 * What a submission by a person the lead already is changes, under the capture node's policy:
 * `fillEmpty` fills fields the lead lacks, `overwrite` replaces every field the submission gives,
 * `keep` changes none. Custom fields merge one key at a time under the same rule.
 */
export function mergeSubmission(row: LeadRow, lead: NormalizedLead, policy: MergePolicy): MergeResult {
  const update: Updateable<LeadTable> = {};
  const changes: Record<string, FieldChange> = {};
  let patch: LeadPatch = {};
  for (const field of FIELDS) {
    const stored = field.stored(row);
    const given = field.given(lead);
    if (!takes(policy, stored, given)) continue;
    Object.assign(update, field.columns(lead));
    patch = { ...patch, ...field.context(lead) };
    changes[field.name] = { from: stored ?? null, to: given };
  }
  const custom = { ...(row.custom as Record<string, unknown>) };
  let customChanged = false;
  for (const [key, given] of Object.entries(lead.custom)) {
    if (!takes(policy, custom[key], given)) continue;
    changes[`custom.${key}`] = { from: custom[key] ?? null, to: given };
    patch = { ...patch, custom: { ...patch.custom, [key]: given } };
    custom[key] = given;
    customChanged = true;
  }
  if (customChanged) update.custom = JSON.stringify(custom);
  if (changes.firstName || changes.lastName) {
    const fullName =
      [update.first_name ?? row.first_name, update.last_name ?? row.last_name].filter(Boolean).join(' ') || null;
    update.fields = JSON.stringify({ ...(row.fields as Record<string, unknown>), fullName });
    patch = { ...patch, fullName };
  }
  return { update, changes, patch };
}
