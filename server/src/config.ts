import path from 'node:path';
import { readTemporalTls, type TemporalTls } from './infra/temporal-connection.js';
import { type OperationsConfig, readOperationsConfig } from './operations-config.js';

/** Worker settings an operator may tune (and the benchmark compares); defaults in `readConfig`. */
export interface WorkerTuning {
  /** Initialize the node catalog once per worker, not once per workflow (LEADFLOW_WORKER_PRELOAD=off disables). */
  preloadCatalog: boolean;
  /** Workflows kept in memory between their tasks (LEADFLOW_WORKER_CACHED_WORKFLOWS). */
  maxCachedWorkflows: number;
  /** Workflow tasks run at once (LEADFLOW_WORKER_WORKFLOW_TASKS). */
  maxConcurrentWorkflowTaskExecutions: number;
  /** Activities run at once (LEADFLOW_WORKER_ACTIVITY_TASKS). */
  maxConcurrentActivityTaskExecutions: number;
  /** One V8 context for all workflows (LEADFLOW_WORKER_REUSE_V8=off gives each its own). */
  reuseV8Context: boolean;
  /** Postgres connections of the worker's pool (LEADFLOW_WORKER_DB_POOL). */
  dbPoolSize: number;
}

/** Everything Leadflow reads from the environment, in one place. */
export interface LeadflowConfig {
  /** Unset: start the Temporal CLI dev server. */
  temporalAddress: string | undefined;
  temporalNamespace: string;
  /** Unset: start an embedded PostgreSQL. */
  databaseUrl: string | undefined;
  adminToken: string | undefined;
  /** The keyring (LEADFLOW_SECRET_KEY, `id:base64key,…`); unset: the embedded start keeps one in the data folder. */
  secretKey: string | undefined;
  host: string;
  port: number;
  dataDir: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Private or loopback hosts that http nodes and HTTP enrichment may call (LEADFLOW_HTTP_ALLOW, comma-separated). */
  httpAllowHosts: string[];
  /** npm packages of node types to load beside Leadflow's own (LEADFLOW_NODE_PACKAGES, comma-separated). */
  nodePackages: string[];
  /** Run the worker inside the server process. */
  embeddedWorker: boolean;
  /** Task queue lead workflows are started on (LEADFLOW_TASK_QUEUE); unset: Leadflow's own. */
  taskQueue: string | undefined;
  worker: WorkerTuning;
  /**
   * Proxies whose X-Forwarded-For to believe (LEADFLOW_TRUST_PROXY: true, or comma-separated
   * addresses/CIDRs), so per-IP limits on public forms see the visitor's address.
   */
  trustProxy: boolean | string;
  /**
   * Browser origins that may call the codec endpoint: a deployment's Temporal Web UI
   * (LEADFLOW_CODEC_ORIGINS, comma-separated); unset: the embedded dev server's UI.
   */
  codecOrigins: string[];
  /** Ports of the embedded services (used only when they are started). */
  embeddedPorts: { postgres: number; temporal: number; temporalUi: number };
  /** TLS to Temporal (TEMPORAL_TLS, TEMPORAL_TLS_CERT / _KEY / _CA / _SERVER_NAME); unset: plain. */
  temporalTls: TemporalTls | undefined;
  /** Temporal Cloud API key (TEMPORAL_API_KEY). */
  temporalApiKey: string | undefined;
  /** Postgres connections of the API server's pool (LEADFLOW_DB_POOL). */
  dbPoolSize: number;
  /** Metrics, logs, migrations, shutdown. */
  operations: OperationsConfig;
  /**
   * Days step inputs and outputs are kept (LEADFLOW_STEP_DATA_DAYS); older ones are pruned by an
   * hourly Temporal Schedule. Unset: kept, and no schedule.
   */
  stepDataDays: number | undefined;
  /** Refused tokens one client address may present in a minute before it gets 429s (LEADFLOW_AUTH_FAILURES_PER_MINUTE; 0: no limit). */
  authFailuresPerMinute: number;
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`${name} must be a whole number, got '${value}'`);
  return number;
}

/** Start-up holds one connection for its lock while the seed uses another. */
function atLeast(minimum: number, value: number, name: string): number {
  if (value < minimum) throw new Error(`${name} must be at least ${minimum}, got ${value}`);
  return value;
}

function positiveDays(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const days = integer(value, 0, name);
  if (days < 1) throw new Error(`${name} must be at least 1 (days), got '${value}'; unset it to keep step data`);
  return days;
}

function trustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === '' || value === 'false') return false;
  return value === 'true' ? true : value;
}

function codecOrigins(env: NodeJS.ProcessEnv): string[] {
  const listed = (env.LEADFLOW_CODEC_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim().replace(/\/$/, ''))
    .filter(Boolean);
  if (listed.length > 0) return listed;
  const uiPort = integer(env.LEADFLOW_TEMPORAL_UI_PORT, 8233, 'LEADFLOW_TEMPORAL_UI_PORT');
  return [`http://127.0.0.1:${uiPort}`, `http://localhost:${uiPort}`];
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): LeadflowConfig {
  return {
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
    temporalNamespace: env.TEMPORAL_NAMESPACE || 'default',
    databaseUrl: env.DATABASE_URL || undefined,
    adminToken: env.LEADFLOW_ADMIN_TOKEN || undefined,
    secretKey: env.LEADFLOW_SECRET_KEY || undefined,
    host: env.HOST || '127.0.0.1',
    port: integer(env.PORT, 3000, 'PORT'),
    dataDir: path.resolve(cwd, env.LEADFLOW_DATA_DIR || '.data'),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Leadflow <leadflow@localhost>',
    httpAllowHosts: (env.LEADFLOW_HTTP_ALLOW ?? '')
      .split(',')
      .map((host) => host.trim())
      .filter(Boolean),
    nodePackages: (env.LEADFLOW_NODE_PACKAGES ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
    embeddedWorker: env.LEADFLOW_WORKER !== 'off',
    taskQueue: env.LEADFLOW_TASK_QUEUE || undefined,
    worker: {
      preloadCatalog: env.LEADFLOW_WORKER_PRELOAD !== 'off',
      maxCachedWorkflows: integer(env.LEADFLOW_WORKER_CACHED_WORKFLOWS, 2000, 'LEADFLOW_WORKER_CACHED_WORKFLOWS'),
      maxConcurrentWorkflowTaskExecutions: integer(
        env.LEADFLOW_WORKER_WORKFLOW_TASKS,
        40,
        'LEADFLOW_WORKER_WORKFLOW_TASKS',
      ),
      maxConcurrentActivityTaskExecutions: integer(
        env.LEADFLOW_WORKER_ACTIVITY_TASKS,
        100,
        'LEADFLOW_WORKER_ACTIVITY_TASKS',
      ),
      reuseV8Context: env.LEADFLOW_WORKER_REUSE_V8 !== 'off',
      dbPoolSize: integer(env.LEADFLOW_WORKER_DB_POOL, 20, 'LEADFLOW_WORKER_DB_POOL'),
    },
    trustProxy: trustProxy(env.LEADFLOW_TRUST_PROXY),
    codecOrigins: codecOrigins(env),
    embeddedPorts: {
      postgres: integer(env.LEADFLOW_POSTGRES_PORT, 54329, 'LEADFLOW_POSTGRES_PORT'),
      temporal: integer(env.LEADFLOW_TEMPORAL_PORT, 7233, 'LEADFLOW_TEMPORAL_PORT'),
      temporalUi: integer(env.LEADFLOW_TEMPORAL_UI_PORT, 8233, 'LEADFLOW_TEMPORAL_UI_PORT'),
    },
    temporalTls: readTemporalTls(env),
    temporalApiKey: env.TEMPORAL_API_KEY || undefined,
    dbPoolSize: atLeast(2, integer(env.LEADFLOW_DB_POOL, 10, 'LEADFLOW_DB_POOL'), 'LEADFLOW_DB_POOL'),
    operations: readOperationsConfig(env),
    stepDataDays: positiveDays(env.LEADFLOW_STEP_DATA_DAYS, 'LEADFLOW_STEP_DATA_DAYS'),
    authFailuresPerMinute: integer(env.LEADFLOW_AUTH_FAILURES_PER_MINUTE, 10, 'LEADFLOW_AUTH_FAILURES_PER_MINUTE'),
  };
}
