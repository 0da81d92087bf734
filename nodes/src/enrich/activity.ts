import { defineNodeActivity } from '@leadflow/engine/worker';
import { enrich } from './definition.js';
import { leadPatchFrom } from './lead-patch.js';
import { PROVIDERS } from './providers.js';
import { runWaterfall } from './waterfall.js';

/**
 * Runs the provider waterfall until every wanted field is known. A provider that fails is noted
 * and skipped: vendor trouble sends the lead down "empty", never into a silent stop.
 */
export const enrichActivity = defineNodeActivity(enrich, async (config, ctx) => {
  const providers = config.providers.flatMap((name) => PROVIDERS[name] ?? []);
  const { found, missing, runs } = await runWaterfall(providers, config.want, ctx.lead, ctx.db);
  const notes = runs.filter((run) => run.outcome === 'failed').map((run) => `${run.provider} failed: ${run.detail}`);
  const patch = leadPatchFrom(found);
  const port = missing.length === 0 ? 'enriched' : 'empty';
  const filled = Object.entries(found).map(([field, f]) => `${field} from ${f?.provider}`);
  const reason =
    port === 'enriched'
      ? `found ${config.want.join(', ')} (${filled.join('; ')})`
      : `could not find ${missing.join(', ')} after ${config.providers.join(', ')}${notes.length ? ` (${notes.join('; ')})` : ''}; continuing without`;
  return { port, patch, output: { fields: found, missing, notes }, reason };
});
