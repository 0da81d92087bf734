import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T extends object | null = Record<string, unknown>> = JSONColumnType<T, string, string>;

export interface WorkflowTable {
  id: Generated<string>;
  slug: string;
  name: string;
  draft: Json<Record<string, unknown>>;
  is_default: Generated<boolean>;
  archived_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface WorkflowVersionTable {
  id: Generated<string>;
  workflow_id: string;
  version: number;
  document: Json<Record<string, unknown>>;
  plan: Json<Record<string, unknown>>;
  hash: string;
  note: string;
  author: string;
  published_at: Generated<Date>;
}

export interface TeamTable {
  id: string;
  name: string;
  manager_rep_id: string | null;
  created_at: Generated<Date>;
}

export interface RepTable {
  id: Generated<string>;
  name: string;
  email: string;
  team_id: string | null;
  active: Generated<boolean>;
  timezone: Generated<string>;
  capacity: number | null;
  weight: Generated<number>;
  /** Weekday (mon…sun) → [open, close] in the rep's time zone; null: always available. */
  working_hours: Json<WorkingHours | null> | null;
  out_of_office: ColumnType<OutOfOffice[], string | undefined, string>;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type WorkingHours = Partial<Record<Weekday, [string, string]>>;
export interface OutOfOffice {
  from: string;
  until: string;
  note?: string;
}

/** Rules a lead must meet for the territory to own it; absent rules match anything. */
export interface TerritoryRules {
  countries?: string[];
  regions?: string[];
  industries?: string[];
  minEmployees?: number;
  maxEmployees?: number;
}

export interface TerritoryTable {
  id: string;
  name: string;
  priority: Generated<number>;
  rules: ColumnType<TerritoryRules, string, string>;
  team_id: string | null;
  rep_id: string | null;
  created_at: Generated<Date>;
}

export interface AccountTable {
  id: Generated<string>;
  domain: string;
  name: string;
  owner_rep_id: string | null;
  created_at: Generated<Date>;
}

export interface LeadTable {
  id: Generated<string>;
  workflow_id: string;
  workflow_version: number;
  email: string;
  email_normalized: string;
  /** Business email domain + '|' + case-folded full name, when capture matches duplicates by person; unique. */
  person_key: string | null;
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  title: string | null;
  phone: string | null;
  country: string | null;
  source: string | null;
  channel: string | null;
  status: Generated<string>;
  fit_score: number | null;
  intent_score: number | null;
  score: number | null;
  tier: number | null;
  owner_id: string | null;
  team_id: string | null;
  account_id: string | null;
  disqualification_reason: string | null;
  /** Lead-context fields without a column of their own (enrichment results, flags). */
  fields: Json;
  custom: Json;
  first_touch: Json;
  last_touch: Json;
  idempotency_key: string | null;
  run_status: Generated<string>;
  current_node_id: string | null;
  waiting: Json<Record<string, unknown> | null> | null;
  workflow_started_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface LeadEventTable {
  id: Generated<string>;
  lead_id: string;
  type: string;
  data: Json;
  occurred_at: Timestamp;
  created_at: Generated<Date>;
}

export interface StepTable {
  lead_id: string;
  seq: number;
  node_id: string;
  node_type: string;
  type_version: number;
  visit: number;
  status: string;
  port: string | null;
  input: Json<Record<string, unknown> | null> | null;
  output: Json<Record<string, unknown> | null> | null;
  reason: string | null;
  error: string | null;
  attempts: number;
  started_at: Timestamp;
  ended_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  waiting: Json<Record<string, unknown> | null> | null;
}

export interface AssignmentTable {
  id: Generated<string>;
  lead_id: string;
  node_id: string;
  visit: number;
  rep_id: string | null;
  team_id: string | null;
  strategy: string;
  reason: string;
  candidates: Json<Array<Record<string, unknown>>>;
  created_at: Generated<Date>;
}

export interface RoundRobinCursorTable {
  pool: string;
  last_rep_id: string | null;
  /** Smooth weighted round robin: each rep's current weight. */
  weights: ColumnType<Record<string, number>, string | undefined, string>;
  updated_at: Generated<Date>;
}

export interface NotificationTable {
  id: Generated<string>;
  idempotency_key: string;
  lead_id: string;
  rep_id: string | null;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  status: string;
  error: string | null;
  message_id: string | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
  read_at: Date | null;
}

export interface TaskTable {
  id: Generated<string>;
  idempotency_key: string;
  lead_id: string;
  rep_id: string | null;
  title: string;
  note: Generated<string>;
  priority: Generated<string>;
  due_at: Timestamp;
  status: Generated<string>;
  created_at: Generated<Date>;
  completed_at: Date | null;
}

export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** A CSV import: one uploaded file streamed into leads, with live counters. */
export interface ImportTable {
  id: string;
  file_name: string;
  /** Hex SHA-256 of the file; with the row number it keys each row's lead, so a re-import adds nothing. */
  file_sha256: string;
  file_bytes: number;
  /** CSV column → lead field (email, firstName, custom.plan, …); null: the column is ignored. */
  mapping: Json<Record<string, string | null>>;
  options: Json<{ source?: string; delimiter?: string }>;
  workflow_id: string;
  workflow_version: number;
  status: ColumnType<ImportStatus, ImportStatus | undefined, ImportStatus>;
  error: string | null;
  rows_total: Generated<number>;
  rows_processed: Generated<number>;
  rows_created: Generated<number>;
  rows_duplicates: Generated<number>;
  rows_failed: Generated<number>;
  created_by: string;
  created_at: Generated<Date>;
  started_at: Date | null;
  finished_at: Date | null;
}

/** One problem with one row of an import; field is the lead field, column_name the CSV column. */
export interface ImportErrorTable {
  id: Generated<string>;
  import_id: string;
  row_number: number;
  field: string | null;
  column_name: string | null;
  message: string;
}

export interface Database {
  workflows: WorkflowTable;
  workflow_versions: WorkflowVersionTable;
  teams: TeamTable;
  reps: RepTable;
  accounts: AccountTable;
  leads: LeadTable;
  lead_events: LeadEventTable;
  steps: StepTable;
  assignments: AssignmentTable;
  round_robin_cursors: RoundRobinCursorTable;
  territories: TerritoryTable;
  tasks: TaskTable;
  notifications: NotificationTable;
  imports: ImportTable;
  import_errors: ImportErrorTable;
}
