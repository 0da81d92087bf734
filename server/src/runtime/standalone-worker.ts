import { readConfig } from '../config.js';
import { logger } from '../observability/logger.js';
import { type MetricsServer, startMetricsServer } from '../observability/metrics-server.js';
import { describePackages, loadNodeLibrary } from '../node-packages/node-library.js';
import { loadKeyring } from './keyring-file.js';
import { startWorkerHost, type WorkerHostOptions } from './worker-host.js';

/**
 * A worker process of its own, configured from the environment, that stops cleanly on SIGINT and
 * SIGTERM and exits when its host ends. `npm run worker` runs it with the lead workflows; the
 * benchmark's baseline runs it with its hand-written workflow bundle. With LEADFLOW_METRICS_PORT
 * it serves `/metrics`, `/healthz` and `/readyz` there.
 */
export async function runStandaloneWorker(workflowBundle?: WorkerHostOptions['workflowBundle']): Promise<void> {
  const config = readConfig();
  if (!config.temporalAddress || !config.databaseUrl)
    throw new Error('a standalone worker needs TEMPORAL_ADDRESS and DATABASE_URL');
  const nodes = await loadNodeLibrary(config.nodePackages);
  for (const line of describePackages(nodes)) console.log(`node package ${line}`);
  const host = await startWorkerHost({
    nodes,
    temporalAddress: config.temporalAddress,
    namespace: config.temporalNamespace,
    temporalTls: config.temporalTls,
    temporalApiKey: config.temporalApiKey,
    taskQueue: config.taskQueue,
    databaseUrl: config.databaseUrl,
    mail: { smtpUrl: config.smtpUrl, from: config.mailFrom },
    http: { allowHosts: config.httpAllowHosts },
    workflowBundle,
    tuning: config.worker,
    shutdownGraceMs: config.operations.shutdownGraceMs,
    keyring: loadKeyring({ secretKey: config.secretKey, dataDir: config.dataDir, embedded: false }),
  });
  let stopping = false;
  let metrics: MetricsServer | undefined;
  if (config.operations.metricsPort !== undefined) {
    metrics = await startMetricsServer(config.operations.metricsPort, config.host, () => !stopping && host.isRunning());
  }
  console.log(`worker ready${metrics ? ` (metrics ${metrics.url}/metrics)` : ''}`);
  logger().info(
    { taskQueue: config.taskQueue ?? 'leadflow-leads', namespace: config.temporalNamespace },
    'worker polling',
  );
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger().info(
      { signal, graceMs: config.operations.shutdownGraceMs },
      'worker shutting down: finishing running tasks',
    );
    void host
      .stop()
      .then(() => metrics?.stop())
      .then(
        () => {
          logger().info('worker stopped');
          process.exit(0);
        },
        (error: Error) => {
          logger().error({ error: error.message }, 'worker did not stop cleanly');
          console.error(`worker did not stop cleanly: ${error.message}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  await host.done;
}
