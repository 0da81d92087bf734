import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from '@leadflow/server';
import type { Connection } from '@temporalio/client';
import pg from 'pg';
import { msToTs } from '@temporalio/common/lib/time.js';
import type { CertificateFiles, TestPki } from './certificates.js';
import type { PostgresServer } from './postgres-server.js';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const repo = fileURLToPath(new URL('../../../', import.meta.url));
export const TEMPORAL_CONFIG = path.join(repo, 'deploy/temporal/config.yaml');
const DYNAMIC_CONFIG = path.join(repo, 'deploy/temporal/dynamicconfig.yaml');
const BUILD_SCRIPT = path.join(repo, 'scripts/cluster/build-temporal.sh');

/** Temporal's services, each its own process. */
export const TEMPORAL_SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
export type TemporalService = (typeof TEMPORAL_SERVICES)[number];

/** The frontend names clients check when the cluster runs under TLS. */
export const FRONTEND_SERVER_NAME = 'frontend.temporal.leadflow.test';
const INTERNODE_SERVER_NAME = 'internode.temporal.leadflow.test';

/** The built Temporal server and schema tool (scripts/cluster/build-temporal.sh builds them once per version). */
export async function temporalBinaries(): Promise<{ server: string; sqlTool: string; schemaDir: string }> {
  const { stdout } = await run('bash', [BUILD_SCRIPT], { maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60_000 });
  const cache = stdout.trim().split('\n').at(-1) as string;
  return {
    server: path.join(cache, 'bin/temporal-server'),
    sqlTool: path.join(cache, 'bin/temporal-sql-tool'),
    schemaDir: path.join(cache, 'schema/postgresql/v12'),
  };
}

export interface TemporalCluster {
  /** The frontend, for clients: `127.0.0.1:<port>`. */
  address: string;
  namespace: string;
  /** What a Leadflow process needs in its environment to connect (address, namespace, mTLS). */
  clientEnv: Record<string, string>;
  /** The services running (all four, unless `auth` leaves out Temporal's worker service). */
  pids: Partial<Record<TemporalService, number>>;
  /** Scrape address of each service's Prometheus metrics. */
  metrics: Record<TemporalService, string>;
  stop(): Promise<void>;
}

export interface TemporalClusterOptions {
  postgres: PostgresServer;
  dir: string;
  namespace: string;
  /** Run frontend and internode traffic under mTLS with certificates from this CA. */
  pki?: TestPki;
  /** Server logs go to `<logDir>/temporal-<service>.log`. */
  logDir: string;
  /**
   * API keys: the frontend accepts only JWTs signed by a key in this JWKS (a file:// or https://
   * URI); `adminKey` (with `temporal-system:admin`) registers the namespace. Temporal's own
   * worker service, which would need an internal frontend to pass the authorizer, is not run.
   */
  auth?: { jwksUri: string; adminKey: string };
}

const TEMPORAL_PG_USER = 'temporal';
const TEMPORAL_PG_PASSWORD = 'temporal-test';

/** Creates Temporal's two databases and brings their schemas to the version the binaries ship. */
async function setupSchemas(sqlTool: string, schemaDir: string, postgres: PostgresServer): Promise<void> {
  await postgres.createRole(TEMPORAL_PG_USER, TEMPORAL_PG_PASSWORD, null, { createdb: true });
  const tls = postgres.caFile ? ['--tls', '--tls-ca-file', postgres.caFile, '--tls-server-name', 'localhost'] : [];
  for (const [database, folder] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    const base = [
      '--plugin',
      'postgres12',
      '--endpoint',
      '127.0.0.1',
      '--port',
      String(postgres.port),
      '--user',
      TEMPORAL_PG_USER,
      '--password',
      TEMPORAL_PG_PASSWORD,
      ...tls,
    ];
    await run(sqlTool, [...base, '--database', database, 'create-database']);
    await run(sqlTool, [...base, '--database', database, 'setup-schema', '-v', '0.0']);
    await run(sqlTool, [
      ...base,
      '--database',
      database,
      'update-schema',
      '-d',
      path.join(schemaDir, folder, 'versioned'),
    ]);
  }
}

/** A free port below 32768: Temporal keeps membership ports in a smallint column. */
async function freeLowPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
}

async function ports(): Promise<Record<string, string>> {
  const names = [
    'FRONTEND',
    'FRONTEND_HTTP',
    'FRONTEND_MEMBERSHIP',
    'HISTORY',
    'HISTORY_MEMBERSHIP',
    'MATCHING',
    'MATCHING_MEMBERSHIP',
    'WORKER',
    'WORKER_MEMBERSHIP',
  ];
  const env: Record<string, string> = {};
  const taken = new Set<number>();
  for (const name of names) env[`TEMPORAL_${name}_PORT`] = String(await freeLowPort(taken));
  return env;
}

/** The cluster's TLS material and the variables that point the config at it. */
async function tlsEnv(pki: TestPki): Promise<{ server: Record<string, string>; client: CertificateFiles }> {
  const frontend = await pki.issue('temporal-frontend', [FRONTEND_SERVER_NAME], 'server');
  const internode = await pki.issue('temporal-internode', [INTERNODE_SERVER_NAME], 'server');
  const client = await pki.issue('leadflow-client', ['leadflow-client'], 'client');
  return {
    server: {
      TEMPORAL_TLS_CA: pki.ca,
      TEMPORAL_TLS_FRONTEND_CERT: frontend.cert,
      TEMPORAL_TLS_FRONTEND_KEY: frontend.key,
      TEMPORAL_TLS_FRONTEND_SERVER_NAME: FRONTEND_SERVER_NAME,
      TEMPORAL_TLS_INTERNODE_CERT: internode.cert,
      TEMPORAL_TLS_INTERNODE_KEY: internode.key,
      TEMPORAL_TLS_INTERNODE_SERVER_NAME: INTERNODE_SERVER_NAME,
    },
    client,
  };
}

/** Waits until a Temporal service has written the cluster metadata record. */
async function clusterMetadataWritten(postgres: PostgresServer, exited: () => boolean): Promise<void> {
  const client = new pg.Client({ connectionString: postgres.url(TEMPORAL_PG_USER, TEMPORAL_PG_PASSWORD, 'temporal') });
  await client.connect();
  try {
    for (const deadline = Date.now() + 60_000; ; await sleep(250)) {
      if (exited()) throw new Error('Temporal history exited before writing the cluster metadata');
      if ((await client.query('SELECT 1 FROM cluster_metadata_info LIMIT 1')).rowCount) return;
      if (Date.now() > deadline) throw new Error('Temporal history did not write the cluster metadata in 60 s');
    }
  } finally {
    await client.end();
  }
}

function startService(server: string, service: TemporalService, env: NodeJS.ProcessEnv, log: string): ChildProcess {
  mkdirSync(path.dirname(log), { recursive: true });
  const out = openSync(log, 'w');
  return spawn(server, ['--config-file', TEMPORAL_CONFIG, '--allow-no-auth', 'start', '--service', service], {
    env,
    stdio: ['ignore', out, out],
  });
}

/** Waits until the frontend answers and registers the namespace (idempotent: an existing one is kept). */
async function registerNamespace(
  clientEnv: Record<string, string>,
  address: string,
  namespace: string,
  exited: () => string | null,
  apiKey?: string,
): Promise<void> {
  const { connectClient, readTemporalTls } = await import('@leadflow/server');
  const endpoint = {
    address,
    namespace,
    tls: readTemporalTls({ ...clientEnv, ...(apiKey && { TEMPORAL_API_KEY: apiKey }) }),
    ...(apiKey && { apiKey }),
  };
  let connection: Connection | undefined;
  let lastError = '';
  for (const deadline = Date.now() + 120_000; !connection; await sleep(500)) {
    const dead = exited();
    if (dead) throw new Error(`Temporal ${dead} exited while the cluster started`);
    connection = await connectClient(endpoint, { connectTimeout: 2000 }).catch((error: Error) => {
      lastError = error.message;
      return undefined;
    });
    if (!connection && Date.now() > deadline)
      throw new Error(`the Temporal frontend did not answer in 2 minutes: ${lastError}`);
  }
  try {
    for (const deadline = Date.now() + 120_000; ; await sleep(1000)) {
      try {
        await connection.workflowService.registerNamespace({
          namespace,
          workflowExecutionRetentionPeriod: msToTs('3 days'),
        });
        break;
      } catch (error) {
        const message = (error as Error).message;
        if (/already exists|AlreadyExists/i.test(message)) break;
        // History and matching join the ring a few seconds after the frontend answers.
        if (Date.now() > deadline)
          throw new Error(`registering namespace ${namespace} failed: ${message}`, { cause: error });
      }
    }
    // The namespace is usable once every frontend's cache has it (system.namespaceCacheRefreshInterval).
    for (const deadline = Date.now() + 60_000; ; await sleep(500)) {
      try {
        await connection.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
        return;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(`namespace ${namespace} not usable in 60 s: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    await connection.close();
  }
}

/**
 * A Temporal cluster as a deployment runs it: PostgreSQL persistence and visibility (schemas
 * applied with Temporal's own schema tool), and frontend, history, matching and worker services
 * as separate processes sharing `deploy/temporal/config.yaml`; optionally under mTLS.
 */
export async function startTemporalCluster(options: TemporalClusterOptions): Promise<TemporalCluster> {
  const binaries = await temporalBinaries();
  await setupSchemas(binaries.sqlTool, binaries.schemaDir, options.postgres);
  const portEnv = await ports();
  const tls = options.pki ? await tlsEnv(options.pki) : null;
  const metrics = {} as Record<TemporalService, string>;
  for (const service of TEMPORAL_SERVICES) metrics[service] = `127.0.0.1:${await freePort()}`;
  const baseEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...(process.env.TEMPORAL_LOG_LEVEL && { TEMPORAL_LOG_LEVEL: process.env.TEMPORAL_LOG_LEVEL }),
    ...portEnv,
    TEMPORAL_PG_ADDRESS: `127.0.0.1:${options.postgres.port}`,
    TEMPORAL_PG_USER,
    TEMPORAL_PG_PASSWORD,
    ...(options.postgres.caFile && {
      TEMPORAL_PG_TLS_CA: options.postgres.caFile,
      TEMPORAL_PG_TLS_SERVER_NAME: 'localhost',
    }),
    TEMPORAL_DYNAMIC_CONFIG: DYNAMIC_CONFIG,
    ...tls?.server,
    ...(options.auth && { TEMPORAL_JWKS_URI: options.auth.jwksUri }),
  };
  const services = TEMPORAL_SERVICES.filter((service) => !(options.auth && service === 'worker'));
  const children = new Map<TemporalService, ChildProcess>();
  const stop = async (): Promise<void> => {
    // The reverse of the start order: frontend first, so clients see it go before the rest.
    for (const service of [...TEMPORAL_SERVICES].reverse()) {
      const child = children.get(service);
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  };
  try {
    const start = (service: TemporalService): void => {
      const env = { ...baseEnv, TEMPORAL_METRICS_ADDRESS: metrics[service] };
      children.set(
        service,
        startService(binaries.server, service, env, path.join(options.logDir, `temporal-${service}.log`)),
      );
    };
    // The first service to start writes the cluster's metadata record; several at once on an
    // empty database race for it and the losers exit. History first, the others once it is written.
    start('history');
    await clusterMetadataWritten(options.postgres, () => children.get('history')?.exitCode !== null);
    for (const service of services.filter((one) => one !== 'history')) start(service);
    const address = `127.0.0.1:${portEnv.TEMPORAL_FRONTEND_PORT}`;
    const clientEnv: Record<string, string> = {
      TEMPORAL_ADDRESS: address,
      TEMPORAL_NAMESPACE: options.namespace,
      ...(tls && {
        TEMPORAL_TLS_CERT: tls.client.cert,
        TEMPORAL_TLS_KEY: tls.client.key,
        TEMPORAL_TLS_CA: options.pki!.ca,
        TEMPORAL_TLS_SERVER_NAME: FRONTEND_SERVER_NAME,
      }),
      // An API key alone would mean TLS (as Temporal Cloud wants); this cluster speaks plain.
      ...(!tls && options.auth && { TEMPORAL_TLS: 'false' }),
    };
    const exited = (): string | null => [...children].find(([, child]) => child.exitCode !== null)?.[0] ?? null;
    await registerNamespace(clientEnv, address, options.namespace, exited, options.auth?.adminKey);
    const pids: Partial<Record<TemporalService, number>> = Object.fromEntries(
      [...children].map(([service, child]) => [service, child.pid as number]),
    );
    return { address, namespace: options.namespace, clientEnv, pids, metrics, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
