import type { LeadPatch } from '@leadflow/engine';
import type { Found } from './providers.js';

/** Lead fields enrichment may set, with their type; in the order enrich v1 always wrote them. */
const PATCHABLE = [
  ['emailDomain', 'string'],
  ['isFreeEmail', 'boolean'],
  ['companyDomain', 'string'],
  ['accountId', 'string'],
  ['accountOwnerId', 'string'],
  ['company', 'string'],
  ['industry', 'string'],
  ['employees', 'number'],
  ['country', 'string'],
  ['region', 'string'],
  ['title', 'string'],
] as const;

/**
 * The lead changes enrichment found: lead fields only, each only with a value of its type.
 * Found entries that are not lead fields (accountName) stay in the step output.
 */
export function leadPatchFrom(found: Found): LeadPatch {
  const patch: Record<string, unknown> = {};
  for (const [field, type] of PATCHABLE) {
    const value = found[field]?.value;
    if (typeof value === type) patch[field] = value;
  }
  return patch as LeadPatch;
}
