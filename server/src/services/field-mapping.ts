import type { FieldMapping } from '@leadflow/engine/db';
import type { ProblemDetail } from '../errors.js';

/** Lead fields a webhook source may map a payload value to; plus `utm.<part>` and `custom.<name>`. */
export const MAPPED_FIELDS = [
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
  'workflow',
] as const;
const UTM_PARTS = ['source', 'medium', 'campaign', 'term', 'content'];
const CUSTOM = /^custom\.[A-Za-z][A-Za-z0-9_]{0,63}$/;
const POINTER = /^(\/([^~/]|~[01])*)+$/;

/** What is wrong with a mapping, one problem per entry, under `fieldMapping.<field>`. */
export function mappingProblems(mapping: FieldMapping): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  for (const [field, pointer] of Object.entries(mapping)) {
    const path = `fieldMapping.${field}`;
    const known =
      (MAPPED_FIELDS as readonly string[]).includes(field) ||
      UTM_PARTS.some((part) => field === `utm.${part}`) ||
      CUSTOM.test(field);
    if (!known)
      problems.push({
        path,
        message: `is not a lead field a payload can fill (${MAPPED_FIELDS.join(', ')}, utm.<source|medium|campaign|term|content>, custom.<name>)`,
      });
    else if (typeof pointer !== 'string' || !POINTER.test(pointer))
      problems.push({ path, message: 'must be a JSON pointer into the payload, e.g. "/contact/email"' });
  }
  return problems;
}

/** RFC 6901: the value at `pointer` in `document`, or undefined when any step is missing. */
export function readPointer(document: unknown, pointer: string): unknown {
  let value = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * Builds a capture request from a payload through the mapping. Numbers and booleans become text
 * for text fields (ad platforms send phone numbers and ids as numbers); custom fields keep the
 * value as sent. Returns, per field filled, the pointer it came from, for error messages.
 */
export function mapPayload(
  payload: unknown,
  mapping: FieldMapping,
): { lead: Record<string, unknown>; from: Record<string, string> } {
  const lead: Record<string, unknown> = {};
  const from: Record<string, string> = {};
  for (const [field, pointer] of Object.entries(mapping)) {
    const value = readPointer(payload, pointer);
    if (value === undefined || value === null) continue;
    const [group, name] = field.includes('.') ? (field.split('.', 2) as [string, string]) : [null, field];
    const scalar = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    if (group === null) lead[name] = scalar;
    else
      lead[group] = {
        ...(lead[group] as Record<string, unknown> | undefined),
        [name]: group === 'custom' ? value : scalar,
      };
    from[field] = pointer;
  }
  return { lead, from };
}

/** Adds where a mapped field came from to problems about it: "email is required (mapped from /contact/email)". */
export function explainMapped(
  problems: ProblemDetail[],
  from: Record<string, string>,
  mapping: FieldMapping,
): ProblemDetail[] {
  return problems.map((problem) => {
    const pointer = from[problem.path] ?? mapping[problem.path];
    return pointer ? { ...problem, message: `${problem.message} (mapped from ${pointer})` } : problem;
  });
}
