import { leadColumns, type LeadRow } from '@leadflow/engine/db';

/** A lead as the API shows it: its column fields, plus the rest of what is known and where it runs. */
export type LeadView = ReturnType<typeof leadColumns> & {
  workflowId: string;
  workflowVersion: number;
  /** Funnel stage: new, mql, sql, meeting, won or disqualified. */
  stage: string;
  fields: Record<string, unknown>;
  custom: Record<string, unknown>;
  firstTouch: Record<string, unknown>;
  lastTouch: Record<string, unknown>;
  run: { status: string; nodeId: string | null; waiting: Record<string, unknown> | null };
  createdAt: string;
  updatedAt: string;
  /** When the lead was erased on request (its row is then a tombstone without personal data), else null. */
  erasedAt: string | null;
};

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
    run: { status: row.run_status, nodeId: row.current_node_id, waiting: row.waiting as Record<string, unknown> | null },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    erasedAt: row.erased_at?.toISOString() ?? null,
  };
}
