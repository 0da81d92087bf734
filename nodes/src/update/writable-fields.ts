import { type FieldType, LEAD_FIELDS, type LeadContext } from '@leadflow/engine';

/**
 * Lead fields an Update node may set. The rest are owned elsewhere, and setting them here
 * would let the lead's record contradict the place that owns them (see READ_ONLY_FIELDS).
 */
export const WRITABLE_FIELDS = [
  'status',
  'tier',
  'score',
  'fitScore',
  'intentScore',
  'mql',
  'sql',
  'disqualificationReason',
  'firstName',
  'lastName',
  'fullName',
  'title',
  'company',
  'phone',
  'country',
  'region',
  'industry',
  'employees',
] as const satisfies ReadonlyArray<keyof LeadContext>;

export type WritableField = (typeof WRITABLE_FIELDS)[number];

/** Why each other field cannot be set, so the error says where to change it instead. */
const READ_ONLY_FIELDS: Readonly<Record<Exclude<keyof LeadContext, WritableField>, string>> = {
  id: 'identifies the lead and cannot be changed',
  email: 'identifies the lead and cannot be changed',
  emailDomain: 'is derived from the email and cannot be set',
  companyDomain: 'is derived from the email and cannot be set',
  isFreeEmail: 'is derived from the email and cannot be set',
  source: 'is the attribution recorded at capture and cannot be changed',
  channel: 'is the attribution recorded at capture and cannot be changed',
  ownerId: 'is set by an Assign node; route the lead through one instead',
  ownerName: 'is set by an Assign node; route the lead through one instead',
  ownerTimezone: 'is set by an Assign node; route the lead through one instead',
  teamId: 'is set by an Assign node; route the lead through one instead',
  companyNormalized: 'is derived from company; set company instead',
  phoneRaw: 'is the number as the lead typed it; set phone instead',
  phoneValid: 'says whether the typed number could be read and cannot be set',
  accountId: 'is set by account matching and cannot be set here',
  accountOwnerId: 'is set by account matching and cannot be set here',
  events: 'counts the events received and cannot be set; post an event to the lead instead',
  custom: 'holds all custom fields; set one at a time as custom.<name>',
};

/** Fields that may not be null (`status` is always a word). */
const NOT_NULL: ReadonlySet<string> = new Set<WritableField>(['status']);

const CUSTOM = /^custom\.([A-Za-z_][A-Za-z0-9_]*)$/;

/** Where an assignment writes: a lead field of a known type, or one custom value of any type. */
export type UpdateTarget =
  { kind: 'field'; name: WritableField; type: FieldType; nullable: boolean } | { kind: 'custom'; name: string };

/** Resolves `field` of a `set` entry, or says why it cannot be set. */
export function resolveTarget(field: string): UpdateTarget | { error: string } {
  const custom = CUSTOM.exec(field);
  if (custom) return { kind: 'custom', name: custom[1] as string };
  if (field.startsWith('custom.'))
    return { error: `'${field}' is not a custom field name; write custom.<name> with letters, digits and _` };
  if ((WRITABLE_FIELDS as readonly string[]).includes(field)) {
    const name = field as WritableField;
    return { kind: 'field', name, type: LEAD_FIELDS[name], nullable: !NOT_NULL.has(name) };
  }
  if (Object.hasOwn(READ_ONLY_FIELDS, field)) {
    const readOnly = READ_ONLY_FIELDS[field as keyof typeof READ_ONLY_FIELDS];
    return { error: `${field} ${readOnly}` };
  }
  return { error: `'${field}' is not a lead field; settable: ${WRITABLE_FIELDS.join(', ')}, or custom.<name>` };
}
