/** The API's shapes as the designer reads them (the server's OpenAPI document at /docs is the reference). */

export interface PortSpec {
  name: string;
  label?: string;
  description?: string;
}

export interface NodeType {
  type: string;
  version: number;
  latest: boolean;
  title: string;
  category: string;
  description: string;
  icon: string;
  kind: 'control' | 'activity';
  entry: boolean;
  waits: boolean;
  configSchema: Record<string, unknown>;
  defaultConfig: Record<string, unknown>;
  ports: PortSpec[];
  dynamicPorts: boolean;
}

export interface LeadField {
  name: string;
  type: string;
}

export interface GraphNode {
  id: string;
  type: string;
  typeVersion: number;
  position: { x: number; y: number };
  config: Record<string, unknown>;
  label?: string;
}

export interface GraphEdge {
  id: string;
  source: string;
  sourceHandle: string;
  target: string;
  targetHandle?: string | null;
}

export interface GraphDocument {
  name: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** A compile error: on a node, an edge, or the graph; `path` names the field (`config.team`). */
export interface Problem {
  nodeId?: string;
  edgeId?: string;
  path: string;
  /** A whole sentence in words: "Assign DACH: choose a team". */
  message: string;
  /** What to say at the form field itself: "choose a team". */
  field?: string;
}

export interface NodeDescription {
  ports: PortSpec[];
  summary: string | null;
}

export interface WorkflowSummary {
  id: string;
  slug: string;
  name: string;
  isDefault: boolean;
  archived: boolean;
  publishedVersion: number | null;
  leadsInFlight: number;
  createdAt: string;
  updatedAt: string;
}

export interface WorkflowDetail extends WorkflowSummary {
  draft: GraphDocument;
  /** The draft's content hash when it compiles; equal to publishedHash when there is nothing to publish. */
  draftHash: string | null;
  publishedHash: string | null;
}

export interface Version {
  workflowId: string;
  version: number;
  hash: string;
  note: string;
  author: string;
  publishedAt: string;
}

export interface VersionDetail extends Version {
  document: GraphDocument;
}

export interface Waiting {
  nodeId: string;
  events: string[];
  until: string | null;
  description: string;
  since: string;
}

export interface Lead {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  title: string | null;
  phone: string | null;
  /** The phone as typed; kept even when no country could read it. */
  phoneRaw: string | null;
  /** False when the typed phone could not be read as a number (then `phone` is null); null without a phone. */
  phoneValid: boolean | null;
  /** The company as matching reads it ("Beispiel GmbH" → "beispiel"). */
  companyNormalized: string | null;
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
  disqualificationReason: string | null;
  /** Funnel stage: new, mql, sql, meeting, won or disqualified. */
  stage: string;
  workflowId: string;
  workflowVersion: number;
  fields: Record<string, unknown>;
  custom: Record<string, unknown>;
  run: { status: string; nodeId: string | null; waiting: Waiting | null };
  createdAt: string;
  updatedAt: string;
  /** When the lead was erased on request: the row is then a tombstone without personal data. */
  erasedAt: string | null;
}

export interface Step {
  seq: number;
  nodeId: string;
  nodeType: string;
  typeVersion: number;
  visit: number;
  status: 'completed' | 'waiting' | 'failed';
  port: string | null;
  input: Record<string, unknown> | null;
  output: Record<string, unknown> | null;
  reason: string | null;
  error: string | null;
  attempts: number;
  startedAt: string;
  endedAt: string | null;
  waiting: Waiting | null;
  /** When retention removed its input and output (LEADFLOW_STEP_DATA_DAYS); null: never. */
  dataPrunedAt: string | null;
}

export interface LeadEventView {
  id: string;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
}

export interface Assignment {
  nodeId: string;
  visit: number;
  repId: string | null;
  repName: string | null;
  reason: string;
  candidates: unknown;
  createdAt: string;
}

export interface LeadHistory {
  lead: Lead;
  waiting: Waiting | null;
  steps: Step[];
  events: LeadEventView[];
  assignments: Assignment[];
}

export interface Rep {
  id: string;
  name: string;
  email: string;
  teamId: string | null;
  active: boolean;
}

export interface Team {
  id: string;
  name: string;
}

export interface TestRunStep {
  seq: number;
  nodeId: string;
  nodeType: string;
  typeVersion: number;
  visit: number;
  port: string | null;
  reason: string | null;
  output: Record<string, unknown> | null;
  patch: Record<string, unknown> | null;
  waited: { description: string; endedBy: string; simulatedMs: number } | null;
  error: string | null;
}

export interface TestRunResult {
  leadId: string;
  outcome: 'completed' | 'waiting' | 'failed' | 'step_limit';
  stoppedAt: { nodeId: string; reason: string } | null;
  steps: TestRunStep[];
  lead: Record<string, unknown>;
  simulatedMs: number;
}

export interface Principal {
  name: string;
  role: string;
  repId?: string | null;
  /** The token signed in with; absent for the bootstrap admin token. */
  tokenId?: string | null;
}

/** A web form: its page posts to `endpoint` with the public key in the path. */
export interface WebForm {
  id: string;
  name: string;
  publicKey: string;
  endpoint: string;
  allowedOrigins: string[];
  workflowId: string | null;
  honeypotField: string;
  rateLimitPerMinute: number;
  redirectUrl: string | null;
  active: boolean;
}

/** A signed webhook source; the secret is in the create and rotate answers only. */
export interface WebhookSource {
  id: string;
  name: string;
  endpoint: string;
  workflowId: string | null;
  fieldMapping: Record<string, string> | null;
  active: boolean;
  previousSecretValidUntil: string | null;
  secret?: string;
}

export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface CsvImport {
  id: string;
  fileName: string;
  fileSha256: string;
  fileBytes: number;
  workflowId: string;
  workflowVersion: number;
  mapping: Record<string, string | null>;
  options: { source?: string; delimiter?: string };
  status: ImportStatus;
  error: string | null;
  rows: { total: number; processed: number; created: number; duplicates: number; failed: number };
  rowsPerSecond: number | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A row an import refused: `row` is the file's line (the header is line 1). */
export interface ImportRowError {
  row: number;
  field: string | null;
  column: string | null;
  message: string;
}

export interface ApiToken {
  id: string;
  name: string;
  role: string;
  repId: string | null;
  prefix: string;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** Refused from then on; null: never expires. */
  expiresAt: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  actorTokenId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  detail: Record<string, unknown>;
}

/** One kind of row in the sales team model (`GET /api/team-model/schemas` keys). */
export type TeamEntity = 'rep' | 'team' | 'territory' | 'account';

/** A row of the team model as the API returns it (rep, team, territory or account). */
export type TeamRow = Record<string, unknown> & { id: string };

/** What a bulk upsert did, or on a dry run would do. */
export interface BulkResult {
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
}

/** A rep's in-app notification (what notify nodes send to the inbox channel). */
export interface InboxItem {
  id: string;
  leadId: string;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}

export interface Task {
  id: string;
  leadId: string;
  repId: string | null;
  title: string;
  note: string;
  priority: string;
  dueAt: string;
  status: string;
}

/** What GET /api/lead-outcomes offers a rep. */
export interface OutcomeCatalog {
  outcomes: Array<{ type: string; label: string }>;
  disqualificationReasons: Array<{ code: string; label: string }>;
}

/** The answer to posting an event. */
export interface PostedEvent {
  event: { id: string; type: string };
  delivered: boolean;
  replayed: boolean;
}

/** A workflow to start from (GET /api/workflow-templates). */
export interface WorkflowTemplate {
  id: string;
  name: string;
  description: string;
  practice: string;
  nodeCount: number;
  document: GraphDocument;
}

/** An account (GET /api/accounts): a company domain and its owner. */
export interface Account {
  id: string;
  domain: string;
  name: string | null;
  ownerRepId: string | null;
}
