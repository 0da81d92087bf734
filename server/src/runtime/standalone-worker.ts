import { readConfig } from '../config.js';
import { loadKeyring } from './keyring-file.js';
import { startWorkerHost, type WorkerHostOptions } from './worker-host.js';

/**
 * A worker process of its own, configured from the environment, that stops cleanly on SIGINT and
 * SIGTERM and exits when its host ends. `npm run worker` runs it with the lead workflows; the
 * benchmark's baseline runs it with its hand-written workflow bundle.
 */
export async function runStandaloneWorker(workflowBundle?: WorkerHostOptions['workflowBundle']): Promise<void> {
  const config = readConfig();
  if (!config.temporalAddress || !config.databaseUrl) throw new Error('a standalone worker needs TEMPORAL_ADDRESS and DATABASE_URL');
  const host = await startWorkerHost({
    temporalAddress: config.temporalAddress,
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    databaseUrl: config.databaseUrl,
    mail: { smtpUrl: config.smtpUrl, from: config.mailFrom },
    http: { allowHosts: config.httpAllowHosts },
    workflowBundle,
    tuning: config.worker,
    keyring: loadKeyring({ secretKey: config.secretKey, dataDir: config.dataDir, embedded: false }),
  });
  console.log('worker ready');
  const stop = (): void => void host.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await host.done;
}
