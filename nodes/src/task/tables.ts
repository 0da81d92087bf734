// The task node's table, as kysely sees it (its migration is in migrations.ts).
import type { ColumnType, Generated } from 'kysely';

export interface TaskTable {
  id: Generated<string>;
  /** Leadflow's key for this lead, node and visit: a retried activity makes its task once. */
  idempotency_key: string;
  lead_id: string;
  rep_id: string | null;
  title: string;
  note: Generated<string>;
  priority: Generated<string>;
  due_at: ColumnType<Date, Date | string, Date | string>;
  /** open or done. */
  status: Generated<string>;
  created_at: Generated<Date>;
  completed_at: Date | null;
}

export interface TaskTables {
  tasks: TaskTable;
}
