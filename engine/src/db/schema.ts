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
  /** Free text: SDR, AE, manager, … */
  role: string | null;
  /** Set when the rep was "deleted" while history still names them; archived reps are inactive. */
  archived_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
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
  /** As typed (whitespace tidied); `company_normalized` is the form duplicates and matching use. */
  company: string | null;
  company_normalized: string | null;
  title: string | null;
  phone: string | null;
  /** The phone number as typed, kept whether or not it could be read. */
  phone_raw: string | null;
  /** Whether `phone_raw` was read as a real number (then `phone` holds it in E.164); null: no phone. */
  phone_valid: boolean | null;
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
  /** SHA-256 of the request the Idempotency-Key came with: the same key with another body is refused. */
  idempotency_hash: string | null;
  run_status: Generated<string>;
  current_node_id: string | null;
  waiting: Json<Record<string, unknown> | null> | null;
  /** Since when the run has been at current_node_id; "stuck at a node" is measured from it. */
  node_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  workflow_started_at: Date | null;
  /** Funnel stage (new, mql, sql, meeting, won, disqualified); every move is in lead_stage_changes. */
  stage: Generated<string>;
  /** The lead's newest event's sequence number (0: none). */
  event_seq: Generated<number>;
  /** How far the lead's run has read its mail; below event_seq, the redelivery sweep rings again. */
  delivered_seq: Generated<number>;
  /** When the newest event was recorded. */
  event_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Set when the lead was erased on request: the row is a tombstone without personal data. */
  erased_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** One move of a lead's funnel stage, written in the transaction that caused it. */
export interface LeadStageChangeTable {
  /** Insertion order: the order the moves happened in, also when two share a timestamp. */
  id: Generated<number>;
  lead_id: string;
  from_stage: string;
  to_stage: string;
  changed_at: Timestamp;
  /** The step whose lead patch moved the stage, if a step did. */
  step_seq: number | null;
  /** The posted event that moved the stage, if an event did. */
  event_id: string | null;
  recorded_at: Generated<Date>;
}

export interface LeadEventTable {
  id: Generated<string>;
  lead_id: string;
  /** The lead's mail sequence: 1, 2, 3, … per lead, in the order events were recorded (see lead-mail.ts). */
  seq: number;
  type: string;
  data: Json;
  occurred_at: Timestamp;
  created_at: Generated<Date>;
  /** The poster's Idempotency-Key; unique per lead, so a retried POST records nothing twice. */
  idempotency_key: string | null;
  idempotency_hash: string | null;
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
  /** When retention nulled `input` and `output` (LEADFLOW_STEP_DATA_DAYS); null: never pruned. */
  data_pruned_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
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
  /** The activity attempt sending it now (status `sending`), and until when its claim holds. */
  attempt_id: string | null;
  lease_until: Date | null;
  created_at: Generated<Date>;
  sent_at: Date | null;
  read_at: Date | null;
}

export type TokenRole = 'admin' | 'editor' | 'viewer' | 'rep' | 'capture';

export interface ApiTokenTable {
  id: Generated<string>;
  name: string;
  role: TokenRole;
  /** sha-256 of the secret; the secret itself is shown once and never stored. */
  token_hash: Buffer;
  /** The secret's first characters, so people can tell their tokens apart. */
  prefix: string;
  /** Set for (and only for) role rep: whose leads, inbox and tasks the token reaches. */
  rep_id: string | null;
  created_by: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
  /** Refused from then on; null: never expires. */
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AuditLogTable {
  /** Ascending in insertion order; list cursors page by it (int8, read as a number: see create-database.ts). */
  id: ColumnType<number, never, never>;
  at: Generated<Date>;
  /** The token's name (or `admin` for the bootstrap token, `seed` for the first-start seed). */
  actor: string;
  actor_token_id: string | null;
  /** `<subject>.<verb>`, e.g. `workflow.published`, `rep.updated`, `token.revoked`. */
  action: string;
  subject_type: string;
  subject_id: string;
  detail: Json;
}

export interface FormTable {
  id: Generated<string>;
  name: string;
  /** Random and unique; sits in the page that posts the form, so it grants capture to this form only. */
  public_key: string;
  allowed_origins: ColumnType<string[], string[] | undefined, string[]>;
  /** Null: the default workflow at the time of each post. */
  workflow_id: string | null;
  honeypot_field: Generated<string>;
  rate_limit_per_minute: Generated<number>;
  redirect_url: string | null;
  /** ISO country the form's phone numbers are read in when a lead gives no country of its own. */
  default_country: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Lead field → JSON pointer into a webhook payload, e.g. `{ "email": "/contact/email" }`. */
export type FieldMapping = Record<string, string>;

export interface WebhookSourceTable {
  id: Generated<string>;
  name: string;
  secret: string;
  /** The secret before the last rotation, still accepted until `previous_secret_expires_at`. */
  previous_secret: string | null;
  previous_secret_expires_at: Date | null;
  workflow_id: string | null;
  field_mapping: Json<FieldMapping | null> | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A signed delivery accepted while its timestamp is fresh; the key refuses a replay of it. */
export interface WebhookDeliveryTable {
  source_id: string;
  /** SHA-256 of `${timestamp}.${rawBody}`. */
  digest: string;
  received_at: Generated<Date>;
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

/** A secret a node config names by id (an API key, a webhook URL); sealed, never read back through the API. */
export interface CredentialTable {
  id: Generated<string>;
  name: string;
  /** http_header, bearer, basic_auth, slack_webhook, webhook, smtp. */
  kind: string;
  /** The secret's JSON, sealed under the keyring (`lf1:<key id>:…`). */
  sealed_secret: string;
  /** A short hash of the secret: tells two secrets apart without showing either. */
  fingerprint: string;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  last_used_at: Date | null;
}

/** A lead's data key, sealed; null once the lead is erased (its Temporal history can no longer be read). */
export interface LeadKeyTable {
  lead_id: string;
  sealed_key: string | null;
  created_at: Generated<Date>;
  erased_at: Date | null;
}

/** A custom event type declared by an admin or editor; the built-in ones live in code. */
export interface EventTypeTable {
  name: string;
  label: string;
  description: Generated<string>;
  /** JSON Schema of the event's `data`; null: any object. */
  data_schema: Json<Record<string, unknown> | null> | null;
  /** Capture tokens may post it (false: admins and reps only). */
  intake: Generated<boolean>;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface Database {
  credentials: CredentialTable;
  lead_keys: LeadKeyTable;
  event_types: EventTypeTable;
  workflows: WorkflowTable;
  workflow_versions: WorkflowVersionTable;
  teams: TeamTable;
  reps: RepTable;
  accounts: AccountTable;
  leads: LeadTable;
  lead_events: LeadEventTable;
  lead_stage_changes: LeadStageChangeTable;
  steps: StepTable;
  assignments: AssignmentTable;
  round_robin_cursors: RoundRobinCursorTable;
  territories: TerritoryTable;
  notifications: NotificationTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  forms: FormTable;
  webhook_sources: WebhookSourceTable;
  webhook_deliveries: WebhookDeliveryTable;
  imports: ImportTable;
  import_errors: ImportErrorTable;
}
