import type { ProblemDetail } from '../errors.js';

/** Fields a form post may fill directly; `utm_*` go to the touch and any other name to custom fields. */
const LEAD_FIELDS = new Set([
  'email',
  'firstName',
  'lastName',
  'name',
  'company',
  'title',
  'phone',
  'country',
  'source',
  'referrerId',
]);
/** Chosen by the form's configuration, never by the page that posts it. */
const SET_BY_FORM = new Set(['workflow', 'channel', 'formId']);
const UTM = /^utm_(source|medium|campaign|term|content)$/;
const CUSTOM_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const MAX_CUSTOM_FIELDS = 30;

/** A name the form reads as a lead field or reserves, so it cannot serve as the honeypot. */
export function isLeadFieldName(name: string): boolean {
  return LEAD_FIELDS.has(name) || SET_BY_FORM.has(name) || UTM.test(name) || name === 'utm' || name === 'custom';
}

export type FormPost =
  { honeypot: true } | { honeypot: false; lead: Record<string, unknown>; problems: ProblemDetail[] };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a form post, flat (`application/x-www-form-urlencoded`, or JSON shaped the same way) or
 * with JSON `utm` and `custom` objects, into a capture request. A filled honeypot wins over
 * everything else: the caller answers as if it worked and keeps nothing. Blank inputs count as
 * not sent, as an HTML form sends every input it has.
 */
export function readFormPost(body: Record<string, unknown>, honeypotField: string): FormPost {
  const trap = body[honeypotField];
  if (trap !== undefined && !(typeof trap === 'string' && trap.trim() === '')) return { honeypot: true };
  const problems: ProblemDetail[] = [];
  const lead: Record<string, unknown> = {};
  const utm: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === honeypotField || value === '' || value === undefined) continue;
    if (Array.isArray(value)) problems.push({ path: key, message: 'must be sent once' });
    else if (SET_BY_FORM.has(key))
      problems.push({ path: key, message: "is set by the form's configuration, not by the page" });
    else if (LEAD_FIELDS.has(key)) lead[key] = value;
    else if (UTM.test(key)) utm[key.slice(4)] = value;
    else if (key === 'utm' && isObject(value)) Object.assign(utm, value);
    else if (key === 'custom' && isObject(value)) Object.assign(custom, value);
    else if (CUSTOM_NAME.test(key)) custom[key] = value;
    else
      problems.push({
        path: key,
        message: 'is not a field name a form can send (letters, digits and _, starting with a letter)',
      });
  }
  if (Object.keys(custom).length > MAX_CUSTOM_FIELDS)
    problems.push({ path: 'custom', message: `has more than ${MAX_CUSTOM_FIELDS} fields` });
  if (Object.keys(utm).length > 0) lead.utm = utm;
  if (Object.keys(custom).length > 0) lead.custom = custom;
  return { honeypot: false, lead, problems };
}
