import type { Database } from '@leadflow/engine/db';
import type { ReceivedMail } from '@leadflow/nodes/testing';
import { type Kysely, sql } from 'kysely';
import type { SentLead } from './lead-traffic.js';

/** What the data says about every lead of the run: each must be stored, assigned and notified exactly once, and end. */
export interface ExactlyOnceReport {
  sent: number;
  /** Posted, answered, but no lead row (or two posts that became one lead). */
  lost: number;
  stored: number;
  unassigned: number;
  doubleAssigned: number;
  /** Owner alerts per channel other than exactly one (alert-owner, visit 1). */
  missingNotifications: number;
  doubledNotifications: number;
  failedNotifications: number;
  /** Manager escalations: a lead whose SLA ran out (none should). */
  escalations: number;
  /** Owner-alert emails the SMTP server received, distinct by Message-ID; and how many arrived more than once. */
  emailsReceived: number;
  emailsRepeated: number;
  /**
   * Repeated emails whose lead's alert step ran only once: a repeat is acceptable only from the
   * window the design leaves to the receiver (a worker killed after sending, before marking sent,
   * so its step ran again), and then it carries the same Message-ID.
   */
  emailsRepeatedWithoutRetry: number;
  completed: number;
  contacted: number;
  /** Steps whose activity needed more than one attempt (a killed worker's steps are retried). */
  retriedSteps: number;
}

export async function exactlyOnce(
  db: Kysely<Database>,
  sent: readonly SentLead[],
  mails: readonly ReceivedMail[],
): Promise<ExactlyOnceReport> {
  const ids = sent.map((lead) => lead.leadId);
  const leads = await db
    .selectFrom('leads')
    .select(['id', 'email', 'run_status', 'status'])
    .where('id', 'in', ids)
    .execute();
  const assignments = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM assignments WHERE lead_id = ANY(${ids}::uuid[]) AND rep_id IS NOT NULL GROUP BY lead_id`.execute(
    db,
  );
  const alerts = await sql<{ channel: string; n: number; failed: number }>`
    SELECT channel, count(*)::int AS n, count(*) FILTER (WHERE status NOT IN ('sent', 'delivered'))::int AS failed
    FROM notifications WHERE lead_id = ANY(${ids}::uuid[]) AND idempotency_key LIKE '%:alert-owner:%' GROUP BY lead_id, channel`.execute(
    db,
  );
  const escalations = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM notifications WHERE lead_id = ANY(${ids}::uuid[]) AND idempotency_key LIKE '%:escalate:%'`.execute(
    db,
  );
  const retried = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM steps WHERE lead_id = ANY(${ids}::uuid[]) AND attempts > 1`.execute(db);
  const perChannel = (channel: string) => alerts.rows.filter((row) => row.channel === channel);
  // The run's SMTP server receives only this run's mail; owner alerts are the "New lead:" ones.
  const emails = mails.filter((mail) => mail.messageId && (mail.subject ?? '').startsWith('New lead:'));
  const byMessageId = new Map<string, number>();
  for (const mail of emails)
    byMessageId.set(mail.messageId as string, (byMessageId.get(mail.messageId as string) ?? 0) + 1);
  const repeated = [...byMessageId].filter(([, n]) => n > 1).map(([messageId]) => messageId);
  return {
    sent: sent.length,
    lost: sent.length - new Set(leads.map((lead) => lead.id)).size,
    stored: leads.length,
    unassigned: leads.length - assignments.rows.length,
    doubleAssigned: assignments.rows.filter((row) => row.n > 1).length,
    missingNotifications: 2 * leads.length - perChannel('inbox').length - perChannel('email').length,
    doubledNotifications: alerts.rows.filter((row) => row.n > 1).length,
    failedNotifications: alerts.rows.reduce((sum, row) => sum + row.failed, 0),
    escalations: escalations.rows[0]?.n ?? 0,
    emailsReceived: byMessageId.size,
    emailsRepeated: repeated.length,
    emailsRepeatedWithoutRetry: repeated.length === 0 ? 0 : await repeatsWithoutRetry(db, repeated),
    completed: leads.filter((lead) => lead.run_status === 'completed').length,
    contacted: leads.filter((lead) => lead.status === 'contacted').length,
    retriedSteps: retried.rows[0]?.n ?? 0,
  };
}

/** When each lead's owner was notified (the alert-owner step's end), by lead id. */
export async function notifiedAt(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, number>> {
  const rows = await sql<{ lead_id: string; at: Date }>`
    SELECT lead_id, max(ended_at) AS at FROM steps
    WHERE lead_id = ANY(${ids}::uuid[]) AND node_id = 'alert-owner' AND ended_at IS NOT NULL
    GROUP BY lead_id`.execute(db);
  return new Map(rows.rows.map((row) => [row.lead_id, new Date(row.at).getTime()]));
}

/** Leads with a step whose activity needed more than one attempt (its first worker died under it). */
export async function leadsWithRetriedSteps(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  const rows = await sql<{
    lead_id: string;
  }>`SELECT DISTINCT lead_id FROM steps WHERE lead_id = ANY(${ids}::uuid[]) AND attempts > 1`.execute(db);
  return new Set(rows.rows.map((row) => row.lead_id));
}

/** Of these Message-IDs, how many belong to a lead whose alert-owner step needed only one attempt. */
async function repeatsWithoutRetry(db: Kysely<Database>, messageIds: readonly string[]): Promise<number> {
  const rows = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM notifications n
    WHERE n.message_id = ANY(${messageIds}::text[])
      AND NOT EXISTS (SELECT 1 FROM steps s WHERE s.lead_id = n.lead_id AND s.node_id = 'alert-owner' AND s.attempts > 1)`.execute(
    db,
  );
  return rows.rows[0]?.n ?? 0;
}
