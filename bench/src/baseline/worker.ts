#!/usr/bin/env node
/**
 * The baseline's worker process: the hand-written workflow (./workflows.js) with Leadflow's own
 * node activities, on its own task queue. Same host, pool and worker settings as `npm run worker`.
 */
import { fileURLToPath } from 'node:url';
import { bundleLeadWorkflows } from '@leadflow/engine/worker';
import { readConfig, startWorkerHost } from '@leadflow/server';

async function main(): Promise<void> {
  const config = readConfig();
  if (!config.temporalAddress || !config.databaseUrl || !config.taskQueue) throw new Error('the baseline worker needs TEMPORAL_ADDRESS, DATABASE_URL and LEADFLOW_TASK_QUEUE');
  const workflowBundle = await bundleLeadWorkflows(fileURLToPath(new URL('./workflows.js', import.meta.url)));
  const host = await startWorkerHost({
    temporalAddress: config.temporalAddress,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    databaseUrl: config.databaseUrl,
    mail: { smtpUrl: config.smtpUrl, from: config.mailFrom },
    workflowBundle,
    tuning: config.worker,
  });
  console.log('worker ready');
  const stop = (): void => void host.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await host.done;
}

main().catch((error: Error) => {
  console.error(`baseline worker failed: ${error.message}`);
  process.exit(1);
});
