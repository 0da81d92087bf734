import { CredentialResolver } from '@leadflow/engine/credentials';
import type { Keyring } from '@leadflow/engine/crypto';
import { createDatabase } from '@leadflow/engine/db';
import {
  bundleLeadWorkflows,
  createActivities,
  createLeadWorker,
  type HttpSettings,
  type MailSettings,
} from '@leadflow/engine/worker';
import type { WorkflowBundle } from '@temporalio/worker';
import type { WorkerTuning } from '../config.js';
import { connectWorker, type TemporalTls } from '../infra/temporal-connection.js';
import { builtInNodeLibrary, type NodeLibrary } from '../node-packages/node-library.js';
import { installWorkerRuntime, workerObservability } from '../observability/worker-observability.js';
import { createRetentionActivities } from '../retention/retention-activities.js';
import { leadflowCodec } from './temporal-client.js';

export interface WorkerHostOptions {
  temporalAddress: string;
  namespace?: string;
  /** TLS / mTLS to Temporal and a Temporal Cloud API key; unset: a plain connection. */
  temporalTls?: TemporalTls;
  temporalApiKey?: string;
  taskQueue?: string;
  databaseUrl: string;
  mail: MailSettings;
  /** Private hosts outbound calls may reach. @default none */
  http?: HttpSettings;
  /** The node types it runs (`loadNodeLibrary`). @default Leadflow's own */
  nodes?: NodeLibrary;
  /** A prebuilt bundle; without it the workflow code is bundled at start (a few seconds). */
  workflowBundle?: WorkflowBundle;
  /** @default readConfig's defaults */
  tuning?: Partial<WorkerTuning>;
  /** On stop, how long running activities get to finish before they are cancelled. @default 30 s */
  shutdownGraceMs?: number;
  /** Seals credentials and the leads' payload keys; every worker and API server share it. */
  keyring: Keyring;
}

export interface WorkerHost {
  /** Settles when the worker stops. */
  done: Promise<void>;
  /** Polling for tasks (not starting, not shutting down). */
  isRunning(): boolean;
  stop(): Promise<void>;
}

/** Runs the lead workflows, the node activities and step-data retention against Temporal and Postgres. */
export async function startWorkerHost(options: WorkerHostOptions): Promise<WorkerHost> {
  await installWorkerRuntime();
  const namespace = options.namespace ?? 'default';
  const endpoint = {
    address: options.temporalAddress,
    namespace,
    tls: options.temporalTls,
    apiKey: options.temporalApiKey,
  };
  const connection = await connectWorker(endpoint);
  const observability = workerObservability();
  const nodes = options.nodes ?? builtInNodeLibrary;
  const preload = options.tuning?.preloadCatalog === false ? [] : nodes.preloadModules;
  const tuning = options.tuning ?? {};
  const db = createDatabase(options.databaseUrl, { maxConnections: tuning.dbPoolSize ?? 20 });
  const credentials = new CredentialResolver(db, options.keyring);
  const activities = {
    ...createActivities(nodes.activities, {
      db,
      mail: options.mail,
      http: options.http ?? { allowHosts: [] },
      credentials,
    }),
    ...createRetentionActivities(db),
  };
  const worker = await createLeadWorker({
    connection,
    namespace,
    taskQueue: options.taskQueue,
    activities,
    workflowBundle:
      options.workflowBundle ??
      (await bundleLeadWorkflows(nodes.workflowsPath, preload, observability.workflowInterceptorModules)),
    interceptors: observability.interceptors,
    sinks: observability.sinks,
    shutdownGraceTimeMs: options.shutdownGraceMs ?? 30_000,
    maxCachedWorkflows: tuning.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: tuning.maxConcurrentWorkflowTaskExecutions,
    maxConcurrentActivityTaskExecutions: tuning.maxConcurrentActivityTaskExecutions,
    reuseV8Context: tuning.reuseV8Context,
    payloadCodec: leadflowCodec(db, options.keyring),
  });
  const done = worker.run().finally(async () => {
    await db.destroy();
    await connection.close();
  });
  return {
    done,
    isRunning: () => worker.getState() === 'RUNNING',
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
