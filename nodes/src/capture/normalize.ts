import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

const LEGAL_SUFFIXES =
  /[,\s]+(inc\.?|incorporated|llc|l\.l\.c\.|ltd\.?|limited|gmbh|ag|s\.?a\.?|s\.?a\.?s\.?|b\.?v\.?|n\.?v\.?|plc|corp\.?|corporation|co\.?|pty\.? ltd\.?|oy|ab|as|srl|s\.r\.l\.|spa|s\.p\.a\.|kk|k\.k\.)$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return EMAIL.test(email) ? email : null;
}

function collapse(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** "jane  DOE" → "Jane Doe"; a word already in mixed case (McDonald) is kept as written. */
export function normalizePersonName(raw: string): string {
  return collapse(raw)
    .split(' ')
    .map((word) => {
      const mixed = word !== word.toLowerCase() && word !== word.toUpperCase();
      if (mixed) return word;
      return word
        .toLowerCase()
        .replace(/(^|['-])(\p{L})/gu, (_match, sep: string, letter: string) => sep + letter.toUpperCase());
    })
    .join(' ');
}

/** "  Acme   Widgets, Inc. " → "Acme Widgets". */
export function normalizeCompany(raw: string): string {
  let company = collapse(raw);
  for (let i = 0; i < 2 && LEGAL_SUFFIXES.test(company); i++) company = company.replace(LEGAL_SUFFIXES, '').trim();
  return company;
}

/** To E.164 (+14155550123), reading numbers without +country in the default country; null if not a real number. */
export function normalizePhone(raw: string, defaultCountry: string | undefined): string | null {
  const phone = parsePhoneNumberFromString(raw, defaultCountry as CountryCode | undefined);
  return phone && phone.isValid() ? phone.number : null;
}

export function splitFullName(fullName: string): { firstName: string; lastName: string | null } {
  const parts = collapse(fullName).split(' ');
  const firstName = parts.shift() ?? '';
  return { firstName, lastName: parts.length ? parts.join(' ') : null };
}
