import { FREE_MAIL_DOMAINS } from '../enrich/free-mail-domains.js';
import type { NormalizedLead } from './intake.js';

/**
 * The company an address speaks for: its domain, or null for a free-mail provider's domain
 * (a gmail.com address says nothing about where the person works).
 */
export function businessDomain(email: string): string | null {
  const domain = email
    .slice(email.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
  return domain === '' || FREE_MAIL_DOMAINS.has(domain) ? null : domain;
}

/**
 * The key one person at one company is stored under, `acme.com|jane doe`: the business email
 * domain and the full name, case-folded. Null when either is missing: a free-mail address
 * (two Jane Does at gmail.com are two people) or a name without both first and last name (a
 * first name alone is too common to tell colleagues apart).
 */
export function personKey(lead: Pick<NormalizedLead, 'email' | 'firstName' | 'lastName' | 'fullName'>): string | null {
  const domain = businessDomain(lead.email);
  // A '|' in the domain would make the key ambiguous; no deliverable domain has one.
  if (!domain || domain.includes('|') || !lead.firstName || !lead.lastName || !lead.fullName) return null;
  const name = lead.fullName.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return `${domain}|${name}`;
}
