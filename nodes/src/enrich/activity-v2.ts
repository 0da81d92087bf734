import type { LeadContext } from '@leadflow/engine';
import { defineNodeActivity } from '@leadflow/engine/worker';
import { OutboundHttpError } from '../shared/outbound-http.js';
import { type EnrichV2Provider, enrichV2, providerFields, providerName } from './definition-v2.js';
import { httpEnrichProvider } from './http-provider.js';
import { leadPatchFrom } from './lead-patch.js';
import {
  companyDomainProvider,
  type EnrichProvider,
  emailTypeProvider,
  type Found,
  knownAccountsProvider,
} from './providers.js';
import { type ProviderRun, runWaterfall } from './waterfall.js';

/** Provenance of a value the lead had before the node ran. */
const ON_THE_LEAD = 'lead';

/** v1's known_accounts, also naming the company: the matched account's name is the company's. */
const knownAccountsNamingCompany: EnrichProvider = {
  name: 'known_accounts',
  async lookup(lead, found, db) {
    const result = await knownAccountsProvider.lookup(lead, found, db);
    if (result.accountName) result.company = { ...result.accountName };
    return result;
  },
};

const BUILT_IN: Readonly<Record<Exclude<EnrichV2Provider['kind'], 'http'>, EnrichProvider>> = {
  email_type: emailTypeProvider,
  company_domain: companyDomainProvider,
  known_accounts: knownAccountsNamingCompany,
};

/** Wanted fields the lead already has count as known: no vendor is paid for them and they are not overwritten. */
function alreadyKnown(lead: Readonly<LeadContext>, want: readonly string[]): Found {
  const known: Found = {};
  for (const field of want) {
    const value: unknown = (lead as unknown as Record<string, unknown>)[field];
    if (typeof value === 'boolean' || typeof value === 'number' || (typeof value === 'string' && value !== '')) {
      known[field] = { value, provider: ON_THE_LEAD, confidence: 1 };
    }
  }
  return known;
}

function noteOf(run: ProviderRun): string | null {
  if (run.outcome === 'failed') return `${run.provider} failed: ${run.detail}`;
  if (run.outcome === 'skipped') return `${run.provider} skipped: ${run.detail}`;
  if (run.outcome === 'nothing') return `${run.provider} found nothing`;
  return null;
}

/**
 * The waterfall of v1 with vendor APIs in it.
 *
 * Vendor errors and retries. A provider's own `retries` absorb a blip inside this call. After
 * that, a vendor error never stops the waterfall: it is noted and the next provider is asked,
 * since a later one may fill the gap. The activity throws — so Temporal retries the whole
 * enrichment a little later — only when all of these hold:
 *   1. the waterfall is over (every remaining provider was tried) and a wanted field is missing;
 *   2. a vendor that failed with a retryable error (network, timeout, 408, 429, 5xx) maps one of
 *      those missing fields, so a retry could actually fill it;
 *   3. Temporal has attempts left (`enrichV2.retry.maximumAttempts`).
 * On the last attempt the lead leaves by "empty" with the failure in the notes instead: a vendor
 * outage costs the lead a few seconds, never a parked workflow. Refusals (4xx, a private address,
 * a malformed answer) would fail the same way again, so they never cause a retry. A retry asks
 * every provider again, vendors that answered included: a paid lookup can be billed twice.
 */
export const enrichV2Activity = defineNodeActivity(enrichV2, async (config, ctx) => {
  const allowHosts = ctx.services.http.allowHosts;
  const providers = config.providers.map((provider) =>
    provider.kind === 'http'
      ? httpEnrichProvider(provider, allowHosts, ctx.dryRun, ctx.services.credentials)
      : BUILT_IN[provider.kind],
  );
  const fieldsOf = new Map(config.providers.map((provider) => [providerName(provider), providerFields(provider)]));
  const { found, missing, runs } = await runWaterfall(
    providers,
    config.want,
    ctx.lead,
    ctx.db,
    alreadyKnown(ctx.lead, config.want),
  );

  const worthRetrying = runs.filter(
    (run) =>
      run.error instanceof OutboundHttpError &&
      run.error.retryable &&
      (fieldsOf.get(run.provider) ?? []).some((field) => missing.includes(field)),
  );
  const maximumAttempts = enrichV2.retry?.maximumAttempts ?? 1;
  if (worthRetrying.length > 0 && ctx.attempt < maximumAttempts) {
    const failures = worthRetrying.map((run) => `${run.provider} failed: ${run.detail}`).join('; ');
    throw new Error(
      `${failures}; ${missing.join(', ')} still missing, so the enrichment is retried (attempt ${ctx.attempt} of ${maximumAttempts})`,
    );
  }

  const notes = runs.map(noteOf).filter((note): note is string => note !== null);
  const learned: Found = Object.fromEntries(Object.entries(found).filter(([, f]) => f?.provider !== ON_THE_LEAD));
  const port = missing.length === 0 ? 'enriched' : 'empty';
  const sources = config.want.map((field) => {
    const f = found[field];
    return f?.provider === ON_THE_LEAD
      ? `${field} already on the lead`
      : `${field} from ${f?.provider} (${f?.confidence})`;
  });
  const reason =
    port === 'enriched'
      ? `found ${config.want.join(', ')}: ${sources.join('; ')}`
      : `could not find ${missing.join(', ')} after ${config.providers.map(providerName).join(', ')}${notes.length ? ` (${notes.join('; ')})` : ''}; continuing without`;
  return {
    port,
    patch: leadPatchFrom(learned),
    output: { fields: found, missing, notes, providers: runs.map(({ error: _error, ...run }) => run) },
    reason,
  };
});
