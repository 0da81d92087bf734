import type { LeadContext } from '@leadflow/engine';
import type { NodeActivityContext } from '@leadflow/engine/worker';

/** A lead with every field empty, overridden by `fields`. */
export function testLead(fields: Partial<LeadContext> = {}): LeadContext {
  return {
    id: 'lead-1',
    email: 'jane@acme.com',
    firstName: null, lastName: null, fullName: null, company: null, companyNormalized: null, title: null, phone: null, phoneRaw: null,
    phoneValid: null, country: null, region: null,
    industry: null, employees: null, source: null, channel: null, status: 'new', emailDomain: null, companyDomain: null,
    isFreeEmail: null, accountId: null, accountOwnerId: null, fitScore: null, intentScore: null, score: null, tier: null,
    mql: null, sql: null, ownerId: null, ownerName: null, ownerTimezone: null, teamId: null, disqualificationReason: null,
    events: {},
    custom: {},
    ...fields,
  };
}

/**
 * What the worker hands an activity, built by hand. `db` is whatever the node needs: nothing for
 * nodes that never touch the database, or a tiny fake of the one query it runs.
 */
export function testActivityContext(options: { lead?: LeadContext; allowHosts?: readonly string[]; attempt?: number; db?: unknown; dryRun?: boolean } = {}): NodeActivityContext {
  const db = (options.db ?? {}) as NodeActivityContext['db'];
  return {
    services: { db, mail: { from: 'leadflow@test' }, http: { allowHosts: options.allowHosts ?? [] } },
    db,
    lead: options.lead ?? testLead(),
    leadId: 'lead-1',
    nodeId: 'node-1',
    visit: 1,
    attempt: options.attempt ?? 1,
    idempotencyKey: 'lead-1:node-1:1',
    dryRun: options.dryRun ?? false,
  };
}
