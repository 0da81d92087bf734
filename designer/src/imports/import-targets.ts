import type { LeadField } from '../api/types';

/** A lead field a CSV column can fill, as the select shows it. */
export interface ImportTarget {
  value: string;
  label: string;
}

/**
 * The catalog's lead fields a capture sets. The others (score, owner, status, domains…) are
 * worked out by the workflow, so an import cannot fill them; the server refuses them by name.
 */
const CAPTURED = new Set(['email', 'firstName', 'lastName', 'company', 'title', 'phone', 'country', 'source']);

/** What a capture takes besides the catalog's fields: a full name to split, ids, and UTM tags. */
const CAPTURE_ONLY: ImportTarget[] = [
  { value: 'name', label: 'name (full name, split into first and last)' },
  { value: 'formId', label: 'formId' },
  { value: 'referrerId', label: 'referrerId' },
  ...['source', 'medium', 'campaign', 'term', 'content'].map((part) => ({ value: `utm.${part}`, label: `utm.${part}` })),
];

/** The choices for a column: the captured lead fields from the catalog, then the capture-only ones. */
export function importTargets(leadFields: readonly LeadField[]): ImportTarget[] {
  const fromCatalog = leadFields.filter((field) => CAPTURED.has(field.name)).map((field) => ({ value: field.name, label: field.name }));
  return [...fromCatalog, ...CAPTURE_ONLY];
}

const key = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Common export spellings of a field's header, beyond the field's own name. */
const SPELLINGS: Record<string, string[]> = {
  email: ['emailaddress', 'mail', 'workemail', 'businessemail'],
  firstName: ['first', 'givenname', 'forename'],
  lastName: ['last', 'surname', 'familyname'],
  name: ['fullname', 'contactname'],
  company: ['companyname', 'organization', 'organisation', 'account', 'accountname'],
  title: ['jobtitle', 'position', 'role'],
  phone: ['phonenumber', 'telephone', 'mobile', 'mobilephone'],
  country: ['countrycode', 'countryregion'],
  source: ['leadsource'],
};

/** A custom field named after a header: `custom.<identifier>`. */
export function customTarget(header: string): string {
  const name = header.trim().replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').replace(/^(\d)/, '_$1');
  return `custom.${name.slice(0, 100) || 'field'}`;
}

/**
 * A first mapping by header name: each column to the target its header spells, each target
 * once; columns nothing matches are ignored until the user picks for them.
 */
export function suggestMapping(header: readonly string[], targets: readonly ImportTarget[]): Record<string, string | null> {
  const byKey = new Map<string, string>();
  for (const target of targets) {
    byKey.set(key(target.value), target.value);
    for (const spelling of SPELLINGS[target.value] ?? []) byKey.set(spelling, target.value);
  }
  const taken = new Set<string>();
  const mapping: Record<string, string | null> = {};
  for (const column of header) {
    const target = byKey.get(key(column));
    mapping[column] = target && !taken.has(target) ? target : null;
    if (target) taken.add(target);
  }
  return mapping;
}
