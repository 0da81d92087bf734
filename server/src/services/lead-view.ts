import type { LeadRow } from '@leadflow/engine/db';

/** A lead as the API shows it. */
export interface LeadView {
  id: string;
  workflowId: string;
  workflowVersion: number;
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  title: string | null;
  phone: string | null;
  country: string | null;
  source: string | null;
  channel: string | null;
  status: string;
  fitScore: number | null;
  intentScore: number | null;
  score: number | null;
  tier: number | null;
  ownerId: string | null;
  teamId: string | null;
  accountId: string | null;
  disqualificationReason: string | null;
  fields: Record<string, unknown>;
  custom: Record<string, unknown>;
  firstTouch: Record<string, unknown>;
  lastTouch: Record<string, unknown>;
  run: { status: string; nodeId: string | null; waiting: Record<string, unknown> | null };
  createdAt: string;
  updatedAt: string;
}

export function leadView(row: LeadRow): LeadView {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    workflowVersion: row.workflow_version,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    company: row.company,
    title: row.title,
    phone: row.phone,
    country: row.country,
    source: row.source,
    channel: row.channel,
    status: row.status,
    fitScore: row.fit_score,
    intentScore: row.intent_score,
    score: row.score,
    tier: row.tier,
    ownerId: row.owner_id,
    teamId: row.team_id,
    accountId: row.account_id,
    disqualificationReason: row.disqualification_reason,
    fields: row.fields as Record<string, unknown>,
    custom: row.custom as Record<string, unknown>,
    firstTouch: row.first_touch as Record<string, unknown>,
    lastTouch: row.last_touch as Record<string, unknown>,
    run: { status: row.run_status, nodeId: row.current_node_id, waiting: row.waiting as Record<string, unknown> | null },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
