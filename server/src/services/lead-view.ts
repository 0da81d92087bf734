import { leadColumns, type LeadRow } from '@leadflow/engine/db';
import type { Lead, Waiting } from '../contract/leads.js';

/** A lead as the API shows it (LeadSchema): its column fields, plus the rest of what is known and where it runs. */
export type LeadView = Lead;

export function leadView(row: LeadRow): LeadView {
  return {
    ...leadColumns(row),
    workflowId: row.workflow_id,
    workflowVersion: row.workflow_version,
    stage: row.stage,
    fields: row.fields as Record<string, unknown>,
    custom: row.custom as Record<string, unknown>,
    firstTouch: row.first_touch as Record<string, unknown>,
    lastTouch: row.last_touch as Record<string, unknown>,
    run: { status: row.run_status, nodeId: row.current_node_id, waiting: row.waiting as Waiting | null },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    erasedAt: row.erased_at?.toISOString() ?? null,
  };
}
