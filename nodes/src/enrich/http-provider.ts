import type { LeadContext } from '@leadflow/engine';
import { renderTemplate } from '../shared/template.js';
import { OutboundHttpError, requestJson } from '../shared/outbound-http.js';
import { placeholdersIn, renderUrlTemplate } from '../shared/request-templates.js';
import { valueAtPath } from '../shared/value-at-path.js';
import { parseDuration } from '../wait/duration.js';
import {
  DEFAULT_VENDOR_CONFIDENCE,
  DEFAULT_VENDOR_RETRIES,
  DEFAULT_VENDOR_TIMEOUT,
  type EnrichV2Provider,
} from './definition-v2.js';
import type { EnrichProvider, Found, FoundField } from './providers.js';
import { HTTP_AUTH_KINDS } from '@leadflow/engine';
import { authHeaders as credentialHeaders, type Credentials } from '@leadflow/engine/credentials';

/** The lead as a vendor URL sees it: its own fields, overlaid with what earlier providers found. */
function lookupScope(lead: Readonly<LeadContext>, found: Found): LeadContext {
  const values = Object.fromEntries(Object.entries(found).map(([field, f]) => [field, f?.value]));
  return { ...lead, ...values } as LeadContext;
}

/** A vendor value as the lead field's type, or null when it cannot be one ("51-200" is no head count). */
export function vendorValue(field: string, raw: unknown): FoundField['value'] | null {
  if (field === 'employees') {
    const number = typeof raw === 'string' && /^\s*\d[\d,]*\s*$/.test(raw) ? Number(raw.replace(/[,\s]/g, '')) : raw;
    return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? Math.round(number) : null;
  }
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  return field === 'companyDomain' ? raw.trim().toLowerCase() : raw.trim();
}

function authHeaders(authHeader: string | undefined): Record<string, string> {
  if (!authHeader) return {};
  const colon = authHeader.indexOf(':');
  return { [authHeader.slice(0, colon).trim()]: authHeader.slice(colon + 1).trim() };
}

/**
 * A vendor API as a waterfall provider: GET the URL, read the mapped answer values. A 404 is
 * "this vendor does not know the company", not a failure. Every other error is thrown as the
 * `OutboundHttpError` it is, for the activity to weigh (see activity-v2.ts).
 */
export function httpEnrichProvider(
  config: EnrichV2Provider,
  allowHosts: readonly string[],
  dryRun = false,
  credentials?: Credentials,
): EnrichProvider {
  const name = config.name ?? 'http';
  const url = config.url ?? '';
  const fieldMap = config.fieldMap ?? [];
  return {
    name,
    skip(lead, found, wanted) {
      // A test run must not call (or pay) a vendor.
      if (dryRun) return 'test run: vendors are not called';
      if (!fieldMap.some((entry) => wanted.includes(entry.to))) return 'gives none of the fields still wanted';
      const scope = lookupScope(lead, found);
      const empty = placeholdersIn(url).filter((field) => renderTemplate(`{{${field}}}`, scope) === '');
      return empty.length ? `no ${[...new Set(empty)].join(', ')} to look up by` : null;
    },
    async lookup(lead, found) {
      let body: unknown;
      try {
        const response = await requestJson({
          url: renderUrlTemplate(url, lookupScope(lead, found)),
          headers:
            config.credential && credentials
              ? credentialHeaders(await credentials.resolve(config.credential, HTTP_AUTH_KINDS))
              : authHeaders(config.authHeader),
          timeoutMs: parseDuration(config.timeout ?? DEFAULT_VENDOR_TIMEOUT) ?? undefined,
          retries: config.retries ?? DEFAULT_VENDOR_RETRIES,
          allowHosts,
        });
        body = response.body;
      } catch (error) {
        if (error instanceof OutboundHttpError && error.status === 404) return {};
        throw error;
      }
      const result: Found = {};
      for (const entry of fieldMap) {
        if (result[entry.to]) continue;
        const value = vendorValue(entry.to, valueAtPath(body, entry.from));
        if (value !== null)
          result[entry.to] = { value, provider: name, confidence: entry.confidence ?? DEFAULT_VENDOR_CONFIDENCE };
      }
      return result;
    },
  };
}
