import type { LeadContext } from '@leadflow/engine';
import type { NodeActivityContext } from '@leadflow/engine/worker';

/** A lead with every field empty, overridden by `fields`. */
export function testLead(fields: Partial<LeadContext> = {}): LeadContext {
  return {
    id: 'lead-1',
    email: 'jane@acme.com',
    firstName: null,
    lastName: null,
    fullName: null,
    company: null,
    companyNormalized: null,
    title: null,
    phone: null,
    phoneRaw: null,
    phoneValid: null,
    country: null,
    region: null,
    industry: null,
    employees: null,
    source: null,
    channel: null,
    status: 'new',
    emailDomain: null,
    companyDomain: null,
    isFreeEmail: null,
    accountId: null,
    accountOwnerId: null,
    fitScore: null,
    intentScore: null,
    score: null,
    tier: null,
    mql: null,
    sql: null,
    ownerId: null,
    ownerName: null,
    ownerTimezone: null,
    teamId: null,
    disqualificationReason: null,
    events: {},
    custom: {},
    ...fields,
  };
}

/**
 * What the worker hands an activity, built by hand. `db` is the real test database
 * (`openTestDatabase`) for nodes that touch it; nodes that never do get none. The lead id is the
 * lead's (`lead.id`), so a stored lead's rows are keyed as the worker would key them.
 */
export function testActivityContext(
  options: {
    lead?: LeadContext;
    allowHosts?: readonly string[];
    attempt?: number;
    attemptId?: string;
    db?: unknown;
    dryRun?: boolean;
    smtpUrl?: string;
    credentials?: NodeActivityContext['services']['credentials'];
  } = {},
): NodeActivityContext {
  const db = (options.db ?? {}) as NodeActivityContext['db'];
  const lead = options.lead ?? testLead();
  const attempt = options.attempt ?? 1;
  return {
    services: {
      db,
      mail: { from: 'leadflow@test', ...(options.smtpUrl && { smtpUrl: options.smtpUrl }) },
      http: { allowHosts: options.allowHosts ?? [] },
      credentials: options.credentials ?? {
        resolve: async (id) => Promise.reject(new Error(`no credential '${id}' in this test`)),
      },
    },
    db,
    lead,
    leadId: lead.id,
    nodeId: 'node-1',
    visit: 1,
    attempt,
    attemptId: options.attemptId ?? `test-attempt-${attempt}`,
    leaseMs: 30_000,
    heartbeat: () => undefined,
    idempotencyKey: `${lead.id}:node-1:1`,
    dryRun: options.dryRun ?? false,
  };
}
