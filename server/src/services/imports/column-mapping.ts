import type { ProblemDetail } from '../../errors.js';

/** CSV column → lead field; null: the column is read but ignored. */
export type ColumnMapping = Record<string, string | null>;

/** Lead fields a column can fill, besides `custom.<name>`. */
export const MAPPABLE_FIELDS = [
  'email',
  'firstName',
  'lastName',
  'name',
  'company',
  'title',
  'phone',
  'country',
  'source',
  'formId',
  'referrerId',
  'utm.source',
  'utm.medium',
  'utm.campaign',
  'utm.term',
  'utm.content',
] as const;

/** How the import page names a field where its name alone would not say what it takes. */
const FIELD_LABELS: Partial<Record<(typeof MAPPABLE_FIELDS)[number], string>> = {
  name: 'name (full name, split into first and last)',
  source: "source (else the import's default source)",
};

/** The fields a column can fill, labelled for a picker. */
export function mappableFields(): Array<{ value: string; label: string }> {
  return MAPPABLE_FIELDS.map((field) => ({ value: field, label: FIELD_LABELS[field] ?? field }));
}

// Custom names are read in conditions as custom.<name>, so they must be identifiers.
const CUSTOM_FIELD = /^custom\.[A-Za-z_][A-Za-z0-9_]{0,99}$/;
const KNOWN = new Set<string>(MAPPABLE_FIELDS);

/**
 * Header spellings seen in CRM, spreadsheet and event-platform exports, compared after
 * lower-casing and dropping everything but letters and digits ("E-mail Address" → emailaddress).
 */
const AUTO_FIELDS: Record<string, string> = {
  ...spellings('email', ['email', 'emailaddress', 'mail', 'workemail', 'businessemail', 'contactemail']),
  ...spellings('firstName', ['firstname', 'first', 'givenname', 'forename', 'fname']),
  ...spellings('lastName', ['lastname', 'last', 'surname', 'familyname', 'lname']),
  ...spellings('name', ['name', 'fullname', 'contactname', 'contact', 'leadname']),
  ...spellings('company', [
    'company',
    'companyname',
    'organization',
    'organisation',
    'account',
    'accountname',
    'employer',
  ]),
  ...spellings('title', ['title', 'jobtitle', 'position', 'role', 'jobrole']),
  ...spellings('phone', ['phone', 'phonenumber', 'telephone', 'tel', 'mobile', 'mobilephone', 'cell', 'workphone']),
  ...spellings('country', ['country', 'countrycode', 'countryregion']),
  ...spellings('source', ['source', 'leadsource']),
  ...spellings('utm.source', ['utmsource']),
  ...spellings('utm.medium', ['utmmedium']),
  ...spellings('utm.campaign', ['utmcampaign', 'campaign']),
  ...spellings('utm.term', ['utmterm']),
  ...spellings('utm.content', ['utmcontent']),
};

function spellings(field: string, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map((key) => [key, field]));
}

const headerKey = (header: string): string =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/** Why `target` cannot be mapped to, or null when it can. */
export function targetProblem(target: string): string | null {
  if (KNOWN.has(target) || CUSTOM_FIELD.test(target)) return null;
  if (target.startsWith('custom.'))
    return `'${target}' is not a usable custom field name (letters, digits and _, not starting with a digit)`;
  return `'${target}' is not a lead field (use one of ${MAPPABLE_FIELDS.join(', ')}, or custom.<name>)`;
}

/**
 * Reads the `mapping` request option: a JSON object of CSV column → lead field (or null to
 * ignore a column). Checked before the file is read, so a typo costs no upload.
 */
export function parseMappingOption(
  text: string,
): { ok: true; mapping: ColumnMapping } | { ok: false; errors: ProblemDetail[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {
      ok: false,
      errors: [
        {
          path: 'mapping',
          message: 'must be a JSON object of CSV column → lead field, e.g. {"E-mail":"email","Plan":"custom.plan"}',
        },
      ],
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: [{ path: 'mapping', message: 'must be a JSON object of CSV column → lead field' }] };
  }
  const errors: ProblemDetail[] = [];
  const seen = new Map<string, string>();
  for (const [column, target] of Object.entries(value)) {
    const path = `mapping.${column}`;
    if (target === null || target === '') continue;
    if (typeof target !== 'string') {
      errors.push({ path, message: 'must be a lead field name or null' });
      continue;
    }
    const problem = targetProblem(target);
    if (problem) errors.push({ path, message: problem });
    else if (seen.has(target))
      errors.push({ path, message: `maps to ${target}, as column '${seen.get(target)}' already does` });
    else seen.set(target, column);
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    mapping: Object.fromEntries(
      Object.entries(value).map(([column, target]) => [column, (target as string | null) || null]),
    ),
  };
}

/** Each header's field by its spelling; a field already taken by an earlier column is left out. */
export function autoMapping(header: readonly string[]): ColumnMapping {
  const taken = new Set<string>();
  const mapping: ColumnMapping = {};
  for (const column of header) {
    if (column.trim() === '') continue;
    const field = AUTO_FIELDS[headerKey(column)];
    mapping[column] = field && !taken.has(field) ? field : null;
    if (field) taken.add(field);
  }
  return mapping;
}

/**
 * The mapping an import runs with, checked against the file's header: the given one (columns it
 * leaves out are ignored), or else the automatic one. Some column must fill email.
 */
export function resolveMapping(
  header: readonly string[],
  given: ColumnMapping | undefined,
): { ok: true; mapping: ColumnMapping } | { ok: false; errors: ProblemDetail[] } {
  const errors: ProblemDetail[] = [];
  const firstAt = new Map<string, number>();
  header.forEach((column, index) => {
    if (column.trim() === '') return;
    const earlier = firstAt.get(column);
    if (earlier === undefined) firstAt.set(column, index);
    else
      errors.push({
        path: 'file',
        message: `the header names column '${column}' twice (columns ${earlier + 1} and ${index + 1}); rename one`,
      });
  });
  const columns = [...firstAt.keys()];
  let mapping: ColumnMapping;
  if (given) {
    for (const column of Object.keys(given)) {
      if (!firstAt.has(column))
        errors.push({
          path: `mapping.${column}`,
          message: `is not a column of the file (its columns: ${columns.join(', ')})`,
        });
    }
    mapping = Object.fromEntries(columns.map((column) => [column, given[column] ?? null]));
  } else mapping = autoMapping(header);
  if (errors.length === 0 && !Object.values(mapping).includes('email')) {
    errors.push({
      path: 'mapping',
      message: `no column maps to email (the file's columns: ${columns.join(', ')}); name it in mapping, e.g. {"${columns[0] ?? 'E-mail'}":"email"}`,
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, mapping };
}
