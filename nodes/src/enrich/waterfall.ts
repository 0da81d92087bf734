import type { Database } from '@leadflow/engine/db';
import type { LeadContext } from '@leadflow/engine';
import type { Kysely } from 'kysely';
import type { EnrichProvider, Found } from './providers.js';

/** What one provider did in a waterfall run, in order; the step trail shows it. */
export interface ProviderRun {
  provider: string;
  outcome: 'found' | 'nothing' | 'skipped' | 'failed';
  /** Fields this provider filled (first provider to give a field wins). */
  fields: string[];
  /** Why it was skipped, or its error message. */
  detail?: string;
  /** The error itself, when it failed (kept for retry decisions, not for the trail). */
  error?: unknown;
}

export interface WaterfallResult {
  found: Found;
  /** Wanted fields still unknown at the end. */
  missing: string[];
  runs: ProviderRun[];
}

/**
 * Asks providers in order until every wanted field is known. A provider that throws is recorded
 * and passed over: what happens next (a note, a retry) is the caller's decision. `known` seeds
 * fields that count as found before any provider is asked.
 */
export async function runWaterfall(
  providers: readonly EnrichProvider[],
  want: readonly string[],
  lead: Readonly<LeadContext>,
  db: Kysely<Database>,
  known: Found = {},
): Promise<WaterfallResult> {
  const found: Found = { ...known };
  const runs: ProviderRun[] = [];
  const wanted = (): string[] => want.filter((field) => found[field] === undefined);
  for (const provider of providers) {
    if (wanted().length === 0) break;
    const skipped = provider.skip?.(lead, found, wanted()) ?? null;
    if (skipped !== null) {
      runs.push({ provider: provider.name, outcome: 'skipped', fields: [], detail: skipped });
      continue;
    }
    try {
      const result = await provider.lookup(lead, found, db);
      const fields: string[] = [];
      for (const [field, value] of Object.entries(result)) {
        if (value && found[field] === undefined) {
          found[field] = value;
          fields.push(field);
        }
      }
      runs.push({ provider: provider.name, outcome: fields.length ? 'found' : 'nothing', fields });
    } catch (error) {
      runs.push({ provider: provider.name, outcome: 'failed', fields: [], detail: (error as Error).message, error });
    }
  }
  return { found, missing: wanted(), runs };
}
