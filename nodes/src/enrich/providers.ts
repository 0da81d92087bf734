import type { Kysely } from 'kysely';
import type { Database } from '@leadflow/engine/db';
import type { LeadContext } from '@leadflow/engine';
import { FREE_MAIL_DOMAINS } from './free-mail-domains.js';

export interface FoundField {
  value: string | number | boolean;
  provider: string;
  /** 0..1: how sure the provider is. */
  confidence: number;
}

export type Found = Partial<Record<string, FoundField>>;

export interface EnrichProvider {
  name: string;
  lookup(lead: Readonly<LeadContext>, found: Found, db: Kysely<Database>): Promise<Found>;
  /**
   * Why asking this provider now would be wasted (it gives none of the fields still wanted, or
   * lacks the input it looks up by), or null to ask it. Free providers leave it out.
   */
  skip?(lead: Readonly<LeadContext>, found: Found, wanted: readonly string[]): string | null;
}

const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** Personal or business address, from the mail domain. */
export const emailTypeProvider: EnrichProvider = {
  name: 'email_type',
  async lookup(lead) {
    const domain = domainOf(lead.email);
    return {
      emailDomain: { value: domain, provider: 'email_type', confidence: 1 },
      isFreeEmail: { value: FREE_MAIL_DOMAINS.has(domain), provider: 'email_type', confidence: 0.95 },
    };
  },
};

/** A business address's domain is the company's domain. */
export const companyDomainProvider: EnrichProvider = {
  name: 'company_domain',
  async lookup(lead) {
    const domain = domainOf(lead.email);
    if (FREE_MAIL_DOMAINS.has(domain)) return {};
    return { companyDomain: { value: domain, provider: 'company_domain', confidence: 0.9 } };
  },
};

/** Matches the company domain against known accounts (lead-to-account matching). */
export const knownAccountsProvider: EnrichProvider = {
  name: 'known_accounts',
  async lookup(lead, found, db) {
    const domain = (found.companyDomain?.value as string | undefined) ?? lead.companyDomain;
    if (!domain) return {};
    const account = await db
      .selectFrom('accounts')
      .select(['id', 'name', 'owner_rep_id'])
      .where('domain', '=', domain)
      .executeTakeFirst();
    if (!account) return {};
    const result: Found = {
      accountId: { value: account.id, provider: 'known_accounts', confidence: 1 },
      accountName: { value: account.name, provider: 'known_accounts', confidence: 1 },
    };
    if (account.owner_rep_id)
      result.accountOwnerId = { value: account.owner_rep_id, provider: 'known_accounts', confidence: 1 };
    return result;
  },
};

export const PROVIDERS: Readonly<Record<string, EnrichProvider>> = {
  email_type: emailTypeProvider,
  company_domain: companyDomainProvider,
  known_accounts: knownAccountsProvider,
};
