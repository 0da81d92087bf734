#!/usr/bin/env node
/**
 * The baseline's worker process: the hand-written workflow (./workflows.js) with Leadflow's own
 * node activities, on its own task queue (LEADFLOW_TASK_QUEUE). Same host, pool and worker
 * settings as `npm run worker`.
 */
import { fileURLToPath } from 'node:url';
import { bundleLeadWorkflows } from '@leadflow/engine/worker';
import { runStandaloneWorker } from '@leadflow/server';

async function main(): Promise<void> {
  if (!process.env.LEADFLOW_TASK_QUEUE)
    throw new Error('the baseline worker needs LEADFLOW_TASK_QUEUE, a task queue of its own');
  await runStandaloneWorker(await bundleLeadWorkflows(fileURLToPath(new URL('./workflows.js', import.meta.url))));
}

main().catch((error: Error) => {
  console.error(`baseline worker failed: ${error.message}`);
  process.exit(1);
});
