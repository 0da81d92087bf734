import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, migrateToLatest, pendingMigrations } from '@leadflow/engine/db';
import { LEAD_TASK_QUEUE } from '@leadflow/engine/workflow';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import type { LeadflowConfig } from '../config.js';
import { startEmbeddedPostgres } from '@leadflow/engine/local-services';
import { connectClient, type TemporalEndpoint } from '../infra/temporal-connection.js';
import { beginDrain, closeHttp } from '../lifecycle/drain.js';
import { withStartLock } from '../lifecycle/migrate-under-lock.js';
import { Readiness } from '../lifecycle/readiness.js';
import { httpLogger, logger, loggingConfigured } from '../observability/logger.js';
import { RunStartObserver } from '../observability/run-start-observer.js';
import { tracing } from '../observability/tracing.js';
import { startTemporalDevServer } from '../infra/temporal-dev-server.js';
import { seedExample } from '../seed/seed-example.js';
import { syncStepRetentionSchedule } from '../retention/retention-schedule.js';
import { createAppServices } from '../services/app-services.js';
import { startBackgroundSweeps } from './background-sweeps.js';
import { describePackages, loadNodeLibrary, migrationSetsOf } from '../node-packages/node-library.js';
import { loadKeyring } from './keyring-file.js';
import { secureStoredSecrets } from './secure-stored-secrets.js';
import { leadflowClient, leadflowCodec } from './temporal-client.js';
import { startWorkerHost, type WorkerHost } from './worker-host.js';

export interface LeadflowHandle {
  url: string;
  temporalAddress: string;
  temporalUiUrl: string | null;
  databaseUrl: string;
  seeded: boolean;
  app: FastifyInstance;
  stop(): Promise<void>;
}

const designerDir = fileURLToPath(new URL('../../../designer/dist', import.meta.url));

/**
 * Starts everything a working Leadflow needs: Temporal and Postgres (the configured ones, or
 * embedded ones under the data folder), migrations, the example seed, the worker and the API.
 */
export async function startLeadflow(
  config: LeadflowConfig & { adminToken: string },
  log: (line: string) => void = console.log,
): Promise<LeadflowHandle> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch((error: Error) => log(`shutdown: ${error.message}`));
  };
  try {
    // First: a package that cannot be loaded stops the start before anything else is started.
    const nodes = await loadNodeLibrary(config.nodePackages);
    for (const line of describePackages(nodes)) log(`node package ${line}`);
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      log('starting embedded PostgreSQL …');
      const postgres = await startEmbeddedPostgres({
        dataDir: path.join(config.dataDir, 'postgres'),
        port: config.embeddedPorts.postgres,
      });
      stops.push(postgres.stop);
      databaseUrl = postgres.url;
    }
    let temporalAddress = config.temporalAddress;
    let temporalUiUrl: string | null = null;
    if (!temporalAddress) {
      log('starting Temporal dev server …');
      const temporal = await startTemporalDevServer({
        dbFile: path.join(config.dataDir, 'temporal.sqlite'),
        port: config.embeddedPorts.temporal,
        uiPort: config.embeddedPorts.temporalUi,
      });
      stops.push(temporal.stop);
      temporalAddress = temporal.address;
      temporalUiUrl = temporal.uiUrl;
    }

    const db = createDatabase(databaseUrl, { maxConnections: config.dbPoolSize });
    stops.push(() => db.destroy());
    const namespace = config.temporalNamespace;
    const keyring = loadKeyring({
      secretKey: config.secretKey,
      dataDir: config.dataDir,
      embedded: !config.databaseUrl,
    });
    const endpoint: TemporalEndpoint = {
      address: temporalAddress,
      namespace,
      tls: config.temporalTls,
      apiKey: config.temporalApiKey,
    };
    const connection = await connectClient(endpoint);
    stops.push(() => connection.close());
    const codec = leadflowCodec(db, keyring);
    const client = leadflowClient(connection, namespace, codec, [
      new RunStartObserver(),
      ...(tracing()?.clientInterceptors ?? []),
    ]);
    const services = createAppServices({
      db,
      temporal: client,
      security: { keyring, codec },
      taskQueue: config.taskQueue,
      databaseUrl,
      nodes,
    });
    stops.push(() => services.testRuns.close());
    // Its namespace, with its credentials: a wrong API key or a missing namespace is "not ready".
    const migrationSets = migrationSetsOf(nodes);
    const readiness = new Readiness(db, () => client.workflowService.describeNamespace({ namespace }), migrationSets);
    // Servers starting together migrate, seal stored secrets and seed one at a time. With
    // LEADFLOW_MIGRATE=off the schema is `npm run migrate`'s job; until it is current there is
    // no seed and /readyz is 503.
    const seeded = await withStartLock(
      db,
      () => log('another process is migrating the database; waiting …'),
      async (connection) => {
        if (config.operations.migrateOnStart) {
          const applied = await migrateToLatest(connection, migrationSets);
          const message = applied.length ? 'database migrated' : 'database schema already current';
          logger().info({ applied: applied.length, migrations: applied }, message);
        }
        if ((await pendingMigrations(connection, migrationSets)).length > 0) return false;
        await secureStoredSecrets(db, keyring, nodes.registry, log);
        return seedExample(services);
      },
    );
    const retentionOptions = { taskQueue: config.taskQueue ?? LEAD_TASK_QUEUE, olderThanDays: config.stepDataDays };
    const retention = await syncStepRetentionSchedule(client, retentionOptions).catch((error: Error) => {
      throw new Error(`could not set up the step-data retention schedule (LEADFLOW_STEP_DATA_DAYS): ${error.message}`);
    });
    if (config.stepDataDays !== undefined) {
      log(`step inputs and outputs older than ${config.stepDataDays} days are pruned hourly (schedule ${retention})`);
    }

    let worker: WorkerHost | undefined;
    if (config.embeddedWorker) {
      log('starting worker (bundling workflow code) …');
      worker = await startWorkerHost({
        nodes,
        temporalAddress,
        namespace: config.temporalNamespace,
        temporalTls: config.temporalTls,
        temporalApiKey: config.temporalApiKey,
        taskQueue: config.taskQueue,
        databaseUrl,
        mail: { smtpUrl: config.smtpUrl, from: config.mailFrom },
        http: { allowHosts: config.httpAllowHosts },
        tuning: config.worker,
        shutdownGraceMs: config.operations.shutdownGraceMs,
        keyring,
      });
      stops.push(() => (worker as WorkerHost).stop());
    }

    stops.push(startBackgroundSweeps(services));

    const app = await buildApp(services, {
      adminToken: config.adminToken,
      designerDir,
      trustProxy: config.trustProxy,
      codecCorsOrigins: config.codecOrigins,
      readiness,
      nodePackages: nodes.packages,
      failedAuthLimit: { maxFailures: config.authFailuresPerMinute },
      ...(loggingConfigured() && { loggerInstance: httpLogger() }),
    });
    stops.push(() => closeHttp(app, config.operations.shutdownGraceMs));
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const stop = async (): Promise<void> => {
      await beginDrain(readiness, config.operations.shutdownDelayMs);
      await stopAll();
    };
    return { url: `http://${config.host}:${port}`, temporalAddress, temporalUiUrl, databaseUrl, seeded, app, stop };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
