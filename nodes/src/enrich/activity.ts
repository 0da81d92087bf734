import type { LeadPatch } from '@leadflow/engine';
import { defineNodeActivity } from '@leadflow/engine/worker';
import { enrich } from './definition.js';
import { type Found, PROVIDERS } from './providers.js';

/**
 * Runs the provider waterfall until every wanted field is known. A provider that fails is noted
 * and skipped: vendor trouble sends the lead down "empty", never into a silent stop.
 */
export const enrichActivity = defineNodeActivity(enrich, async (config, ctx) => {
  const found: Found = {};
  const notes: string[] = [];
  const wanted = (): string[] => config.want.filter((field) => found[field] === undefined);
  for (const name of config.providers) {
    if (wanted().length === 0) break;
    const provider = PROVIDERS[name];
    if (!provider) continue;
    try {
      const result = await provider.lookup(ctx.lead, found, ctx.db);
      for (const [field, value] of Object.entries(result)) if (value && found[field] === undefined) found[field] = value;
    } catch (error) {
      notes.push(`${name} failed: ${(error as Error).message}`);
    }
  }
  const patch: LeadPatch = {};
  const values = Object.fromEntries(Object.entries(found).map(([field, f]) => [field, f?.value]));
  if (typeof values.emailDomain === 'string') patch.emailDomain = values.emailDomain;
  if (typeof values.isFreeEmail === 'boolean') patch.isFreeEmail = values.isFreeEmail;
  if (typeof values.companyDomain === 'string') patch.companyDomain = values.companyDomain;
  if (typeof values.accountId === 'string') patch.accountId = values.accountId;
  if (typeof values.accountOwnerId === 'string') patch.accountOwnerId = values.accountOwnerId;
  const missing = wanted();
  const port = missing.length === 0 ? 'enriched' : 'empty';
  const filled = Object.entries(found).map(([field, f]) => `${field} from ${f?.provider}`);
  const reason =
    port === 'enriched'
      ? `found ${config.want.join(', ')} (${filled.join('; ')})`
      : `could not find ${missing.join(', ')} after ${config.providers.join(', ')}${notes.length ? ` (${notes.join('; ')})` : ''}; continuing without`;
  return { port, patch, output: { fields: found, missing, notes }, reason };
});
