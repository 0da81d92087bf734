#!/usr/bin/env node
import { readConfig } from '../config.js';
import { startWorkerHost } from '../runtime/worker-host.js';

/** A worker on its own (scale out: run more of these against the same Temporal and Postgres). */
async function main(): Promise<void> {
  const config = readConfig();
  if (!config.temporalAddress || !config.databaseUrl) throw new Error('a standalone worker needs TEMPORAL_ADDRESS and DATABASE_URL');
  const host = await startWorkerHost({
    temporalAddress: config.temporalAddress,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    databaseUrl: config.databaseUrl,
    mail: { smtpUrl: config.smtpUrl, from: config.mailFrom },
    http: { allowHosts: config.httpAllowHosts },
    tuning: config.worker,
  });
  console.log('worker ready');
  const stop = (): void => void host.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await host.done;
}

main().catch((error: Error) => {
  console.error(`worker failed: ${error.message}`);
  process.exit(1);
});
