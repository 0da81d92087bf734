import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type NodeProcess, type Services, startServerProcess, startWorkerProcess } from '@leadflow/bench/stack';
import { Keyring, newSecretKey } from '@leadflow/engine/crypto';
import { type SmtpSink, startSmtpSink } from '@leadflow/nodes/testing';
import { freePort } from '@leadflow/server';
import { createTestPki } from './certificates.js';
import { type PostgresServer, startPostgresServer } from './postgres-server.js';
import { startTemporalCluster, type TemporalCluster } from './temporal-cluster.js';

export interface ApiServer extends NodeProcess {
  name: string;
  url: string;
}

export interface Worker extends NodeProcess {
  name: string;
  metricsUrl: string;
}

export interface ClusterStack {
  postgres: PostgresServer;
  temporal: TemporalCluster;
  smtp: SmtpSink;
  databaseUrl: string;
  token: string;
  servers: ApiServer[];
  workers: Worker[];
  logDir: string;
  /** Whether Temporal ran under mTLS and Postgres under TLS. */
  secure: boolean;
  stop(): Promise<void>;
}

export interface ClusterStackOptions {
  servers: number;
  workers: number;
  /** mTLS to Temporal and TLS to Postgres, with certificates made for the run. */
  secure: boolean;
  logDir: string;
}

const LEADFLOW_PG_PASSWORD = 'leadflow-test';

/**
 * Everything a production deployment runs, on loopback: PostgreSQL (Debian's, TLS-only when
 * secure), a Temporal cluster on it (four processes), an SMTP server, API servers without
 * workers and standalone workers — each Leadflow process an OS process of its own, started as
 * `npm start` / `npm run worker` would be, configured only through the environment.
 */
export async function startClusterStack(options: ClusterStackOptions): Promise<ClusterStack> {
  const dir = await mkdtemp(path.join(tmpdir(), 'leadflow-cluster-'));
  // Postgres runs as the `postgres` user, which must be able to enter this folder.
  await chmod(dir, 0o755);
  const stops: Array<() => Promise<void>> = [async () => rm(dir, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  try {
    const pki = options.secure ? await createTestPki(dir) : undefined;
    const pgCert = pki ? await pki.issue('postgres', ['localhost'], 'server') : undefined;
    const postgres = await startPostgresServer({
      dir: path.join(dir, 'postgres'),
      ...(pki && pgCert && { tls: { ...pgCert, ca: pki.ca } }),
    });
    stops.push(postgres.stop);
    const temporal = await startTemporalCluster({ postgres, dir, namespace: 'leadflow', pki, logDir: options.logDir });
    stops.push(temporal.stop);
    await postgres.createRole('leadflow', LEADFLOW_PG_PASSWORD, 'leadflow');
    const databaseUrl = postgres.url('leadflow', LEADFLOW_PG_PASSWORD, 'leadflow');
    const smtp = await startSmtpSink();
    stops.push(smtp.stop);

    const token = `cluster-${Date.now().toString(36)}`;
    const services: Services = {
      temporalAddress: temporal.address,
      databaseUrl,
      // One keyring for every API server and worker, as LEADFLOW_SECRET_KEY is in a deployment.
      secretKey: new Keyring([newSecretKey()]).toString(),
      temporalPid: temporal.pids.frontend ?? null,
      postgresPid: postgres.pid,
      stop: async () => undefined,
    };
    const common = {
      ...temporal.clientEnv,
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'info',
      LEADFLOW_SHUTDOWN_GRACE_MS: '20000',
    };
    const servers: ApiServer[] = [];
    const workers: Worker[] = [];
    stops.push(async () => {
      await Promise.all([...servers, ...workers].map((process) => process.stop()));
    });
    // All API servers start at once on the empty database: they migrate and seed one at a time.
    servers.push(
      ...(await Promise.all(
        Array.from({ length: options.servers }, async (_, i) => {
          const name = `server-${i + 1}`;
          const server = await startServerProcess({
            services,
            token,
            dataDir: path.join(dir, name),
            log: path.join(options.logDir, `${name}.log`),
            env: common,
          });
          return { ...server, name };
        }),
      )),
    );
    for (let i = 0; i < options.workers; i++) {
      const name = `worker-${i + 1}`;
      const port = await freePort();
      const worker = await startWorkerProcess({
        services,
        log: path.join(options.logDir, `${name}.log`),
        env: { ...common, LEADFLOW_METRICS_PORT: String(port) },
      });
      workers.push({ ...worker, name, metricsUrl: `http://127.0.0.1:${port}/metrics` });
    }
    return {
      postgres,
      temporal,
      smtp,
      databaseUrl,
      token,
      servers,
      workers,
      logDir: options.logDir,
      secure: options.secure,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
