import type { LeadContext } from '@leadflow/engine';
import type { Static } from 'typebox';
import type { captureConfigSchema } from './definition.js';
import type { CaptureV2Config } from './definition-v2.js';
import { businessDomain, personKey } from './match-keys.js';
import { normalizeCompany, normalizeEmail, normalizePersonName, normalizePhone, splitFullName } from './normalize.js';

/** A submission as it arrives from a form, the API or a webhook. */
export interface RawLead {
  email?: string;
  firstName?: string;
  lastName?: string;
  name?: string;
  company?: string;
  title?: string;
  phone?: string;
  country?: string;
  source?: string;
  channel?: string;
  formId?: string;
  referrerId?: string;
  utm?: Partial<Record<'source' | 'medium' | 'campaign' | 'term' | 'content', string>>;
  custom?: Record<string, unknown>;
}

/** Where a touch came from; the first is kept forever, the last is updated on each resubmission. */
export interface Touch {
  source: string | null;
  channel: string;
  formId: string | null;
  referrerId: string | null;
  utm: Record<string, string>;
  at: string;
}

/** A submission after intake: the contact fields of the lead context, plus where it came from. */
export interface NormalizedLead extends Pick<
  LeadContext,
  | 'email'
  | 'firstName'
  | 'lastName'
  | 'fullName'
  | 'company'
  | 'companyNormalized'
  | 'title'
  | 'phone'
  | 'phoneRaw'
  | 'phoneValid'
  | 'country'
  | 'source'
  | 'custom'
> {
  channel: string;
  touch: Touch;
  /** Duplicate key for the same person at the same company; null unless the capture node matches on company_name. */
  personKey: string | null;
  /** Business email domain to link a known account by; null unless the capture node links accounts. */
  accountDomain: string | null;
}

/** The config of the capture node intake runs for: v1's, or v2's with duplicate and account matching. */
export type CaptureIntakeConfig = Static<typeof captureConfigSchema> | CaptureV2Config;

export interface IntakeError {
  path: string;
  message: string;
}

export type IntakeResult = { ok: true; lead: NormalizedLead } | { ok: false; errors: IntakeError[] };

/** What the channel knows beyond the submission: countries to read a phone number in. */
export interface IntakeHints {
  /** The web form's own default country. */
  formCountry?: string | null;
  /** The region of the sender's Accept-Language (de-DE → DE), tried last. */
  localeCountry?: string | null;
}

const blank = (value: string | undefined): boolean => value === undefined || value.trim() === '';
const tidy = (value: string): string => value.trim().replace(/\s+/g, ' ');
const COUNTRY_CODE = /^[A-Za-z]{2}$/;

/** The number in E.164, read in the first of `countries` (ISO codes; others skipped) that makes it a real number. */
function readPhone(typed: string, countries: ReadonlyArray<string | null | undefined>): string | null {
  const codes = [
    ...new Set(
      countries
        .filter((code): code is string => !!code && COUNTRY_CODE.test(code.trim()))
        .map((code) => code.trim().toUpperCase()),
    ),
  ];
  for (const code of codes.length > 0 ? codes : [undefined]) {
    const phone = normalizePhone(typed, code);
    if (phone) return phone;
  }
  return null;
}

/**
 * Checks a submission against the capture node's config and normalizes it. Pure, so the API can
 * refuse a bad lead before anything is written.
 */
export function intakeLead(
  raw: RawLead,
  config: CaptureIntakeConfig,
  now: Date,
  hints: IntakeHints = {},
): IntakeResult {
  const errors: IntakeError[] = [];
  const required = new Set<string>(['email', ...config.requiredFields]);
  const channel = raw.channel ?? 'api';

  let email: string | null = null;
  if (blank(raw.email)) errors.push({ path: 'email', message: 'is required' });
  else if (!(email = normalizeEmail(raw.email as string)))
    errors.push({ path: 'email', message: `'${raw.email}' is not a valid email address` });

  let firstName = blank(raw.firstName) ? null : normalizePersonName(raw.firstName as string);
  let lastName = blank(raw.lastName) ? null : normalizePersonName(raw.lastName as string);
  if (!firstName && !blank(raw.name)) {
    const split = splitFullName(normalizePersonName(raw.name as string));
    firstName = split.firstName;
    lastName = lastName ?? split.lastName;
  }
  if (required.has('name') && !firstName)
    errors.push({ path: 'name', message: 'is required (send name, or firstName and lastName)' });

  for (const field of ['company', 'source', 'title', 'country'] as const) {
    if (required.has(field) && blank(raw[field])) errors.push({ path: field, message: 'is required' });
  }

  // A number that cannot be read is kept as typed and flagged: a lead is never lost for its phone.
  const phoneRaw = blank(raw.phone) ? null : (raw.phone as string).trim();
  if (!phoneRaw && required.has('phone')) errors.push({ path: 'phone', message: 'is required' });
  const phone = phoneRaw
    ? readPhone(phoneRaw, [raw.country, hints.formCountry, config.defaultCountry, hints.localeCountry])
    : null;

  if (!(config.channels as readonly string[]).includes(channel)) {
    errors.push({
      path: 'channel',
      message: `this workflow does not take leads from '${channel}' (accepts: ${config.channels.join(', ')})`,
    });
  }
  if (errors.length > 0 || !email) return { ok: false, errors };

  const country = blank(raw.country) ? null : (raw.country as string).trim();
  const source = blank(raw.source) ? null : (raw.source as string).trim().toLowerCase();
  const utm = Object.fromEntries(
    Object.entries(raw.utm ?? {})
      .filter(([, v]) => typeof v === 'string' && v.trim() !== '')
      .map(([k, v]) => [k, (v as string).trim()]),
  );
  const fullName = [firstName, lastName].filter(Boolean).join(' ') || null;
  // A v1 config cannot hold these (its schema refuses unknown keys), so v1 intake is unchanged.
  const byPerson = 'matchOn' in config && config.matchOn.includes('company_name');
  const linksAccount = 'matchAccount' in config && config.matchAccount;
  return {
    ok: true,
    lead: {
      email,
      firstName,
      lastName,
      fullName,
      company: blank(raw.company) ? null : tidy(raw.company as string),
      companyNormalized: blank(raw.company) ? null : normalizeCompany(raw.company as string).toLowerCase(),
      title: blank(raw.title) ? null : tidy(raw.title as string),
      phone,
      phoneRaw,
      phoneValid: phoneRaw ? phone !== null : null,
      country: country && country.length === 2 ? country.toUpperCase() : country,
      source,
      channel,
      custom: raw.custom ?? {},
      touch: {
        source,
        channel,
        formId: raw.formId ?? null,
        referrerId: raw.referrerId ?? null,
        utm,
        at: now.toISOString(),
      },
      personKey: byPerson ? personKey({ email, firstName, lastName, fullName }) : null,
      accountDomain: linksAccount ? businessDomain(email) : null,
    },
  };
}
