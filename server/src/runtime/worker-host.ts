import { CredentialResolver } from '@leadflow/engine/credentials';
import type { Keyring } from '@leadflow/engine/crypto';
import { createDatabase } from '@leadflow/engine/db';
import { bundleLeadWorkflows, createActivities, createLeadWorker, type HttpSettings, NativeConnection, type MailSettings } from '@leadflow/engine/worker';
import { nodeActivities } from '@leadflow/nodes/activities';
import { workflowPreloadModules, workflowsPath } from '@leadflow/nodes';
import type { WorkflowBundle } from '@temporalio/worker';
import type { WorkerTuning } from '../config.js';
import { installTemporalRuntime } from '../infra/temporal-runtime.js';
import { createRetentionActivities } from '../retention/retention-activities.js';
import { leadflowCodec } from './temporal-client.js';

export interface WorkerHostOptions {
  temporalAddress: string;
  namespace?: string;
  taskQueue?: string;
  databaseUrl: string;
  mail: MailSettings;
  /** Private hosts outbound calls may reach. @default none */
  http?: HttpSettings;
  /** A prebuilt bundle; without it the workflow code is bundled at start (a few seconds). */
  workflowBundle?: WorkflowBundle;
  /** @default readConfig's defaults */
  tuning?: Partial<WorkerTuning>;
  /** Seals credentials and the leads' payload keys; every worker and API server share it. */
  keyring: Keyring;
}

export interface WorkerHost {
  /** Settles when the worker stops. */
  done: Promise<void>;
  stop(): Promise<void>;
}

/** Runs the lead workflows, the node activities and step-data retention against Temporal and Postgres. */
export async function startWorkerHost(options: WorkerHostOptions): Promise<WorkerHost> {
  installTemporalRuntime();
  const connection = await NativeConnection.connect({ address: options.temporalAddress });
  const tuning = options.tuning ?? {};
  const db = createDatabase(options.databaseUrl, { maxConnections: tuning.dbPoolSize ?? 20 });
  const activities = {
    ...createActivities(nodeActivities, { db, mail: options.mail, http: options.http ?? { allowHosts: [] }, credentials: new CredentialResolver(db, options.keyring) }),
    ...createRetentionActivities(db),
  };
  const worker = await createLeadWorker({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities,
    workflowBundle: options.workflowBundle ?? (await bundleLeadWorkflows(workflowsPath, tuning.preloadCatalog === false ? [] : workflowPreloadModules)),
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
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await done;
    },
  };
}
