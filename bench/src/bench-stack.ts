import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Keyring, newSecretKey } from '@leadflow/engine/crypto';
import { freePort, startEmbeddedPostgres, startTemporalDevServer } from '@leadflow/server';
import { findPid, type Usage, usageOf } from './process-usage.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const serverCli = path.join(path.dirname(fileURLToPath(import.meta.resolve('@leadflow/server'))), 'cli');
const baselineWorker = fileURLToPath(new URL('./baseline/worker.js', import.meta.url));
export const BASELINE_TASK_QUEUE = 'leadflow-bench-baseline';

/** Temporal and Postgres: the ones in TEMPORAL_ADDRESS / DATABASE_URL, else embedded ones under `dataDir`. */
export interface Services {
  temporalAddress: string;
  databaseUrl: string;
  /** The keyring every server and worker of the run shares (LEADFLOW_SECRET_KEY, else a new one). */
  secretKey: string;
  /** Processes to measure; absent for services the bench did not start. */
  temporalPid: number | null;
  postgresPid: number | null;
  stop(): Promise<void>;
}

export async function startServices(dataDir: string): Promise<Services> {
  const stops: Array<() => Promise<void>> = [];
  let databaseUrl = process.env.DATABASE_URL;
  let postgresPid: number | null = null;
  if (!databaseUrl) {
    const postgresDir = path.join(dataDir, 'postgres');
    const postgres = await startEmbeddedPostgres({ dataDir: postgresDir, port: await freePort() });
    stops.push(postgres.stop);
    databaseUrl = postgres.url;
    postgresPid = Number(readFileSync(path.join(postgresDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  }
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  let temporalPid: number | null = null;
  if (!temporalAddress) {
    const dbFile = path.join(dataDir, 'temporal.sqlite');
    const temporal = await startTemporalDevServer({ dbFile, port: await freePort() });
    stops.push(temporal.stop);
    temporalAddress = temporal.address;
    temporalPid = findPid(dbFile);
  }
  return {
    temporalAddress,
    databaseUrl,
    secretKey: process.env.LEADFLOW_SECRET_KEY ?? new Keyring([newSecretKey()]).toString(),
    temporalPid,
    postgresPid,
    stop: async () => {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}

export interface NodeProcess {
  child: ChildProcess;
  usage(): Usage;
  stop(): Promise<void>;
}

/** A Node process of the stack, its output appended to `log`; ready once `ready` resolves. */
async function spawnNode(
  script: string,
  env: NodeJS.ProcessEnv,
  log: string,
  nodeArgs: string[],
  ready: (child: ChildProcess) => Promise<void>,
): Promise<NodeProcess> {
  mkdirSync(path.dirname(log), { recursive: true });
  const output = openSync(log, 'w');
  const child = spawn(process.execPath, [...nodeArgs, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', output, output],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const handle: NodeProcess = {
    child,
    usage: () => usageOf(child.pid as number),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(30_000)]);
    },
  };
  try {
    await ready(child);
  } catch (error) {
    await handle.stop();
    throw new Error(`${path.basename(script)}: ${(error as Error).message} (see ${log})`, { cause: error });
  }
  return handle;
}

async function until(child: ChildProcess, check: () => Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 180_000; Date.now() < deadline; await sleep(250)) {
    if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before ${what}`);
    if (await check()) return;
  }
  throw new Error(`not ${what} within 3 minutes`);
}

export interface ServerOptions {
  services: Services;
  token: string;
  dataDir: string;
  log: string;
  /** Where the server starts lead workflows; unset: Leadflow's own queue. */
  taskQueue?: string;
  /** The port to listen on; unset: a free one. */
  port?: number;
  /** Extra environment (TLS, namespace, SMTP, …). */
  env?: NodeJS.ProcessEnv;
}

/** `npm start` with its embedded worker off, against the bench's Temporal and Postgres. */
export async function startServerProcess(options: ServerOptions): Promise<NodeProcess & { url: string }> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const env = {
    TEMPORAL_ADDRESS: options.services.temporalAddress,
    DATABASE_URL: options.services.databaseUrl,
    LEADFLOW_SECRET_KEY: options.services.secretKey,
    LEADFLOW_ADMIN_TOKEN: options.token,
    LEADFLOW_DATA_DIR: options.dataDir,
    LEADFLOW_WORKER: 'off',
    PORT: String(port),
    LEADFLOW_TASK_QUEUE: options.taskQueue ?? '',
    ...options.env,
  };
  const server = await spawnNode(path.join(serverCli, 'start.js'), env, options.log, [], (child) =>
    until(
      child,
      () =>
        fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) }).then(
          (r) => r.ok,
          () => false,
        ),
      'ready',
    ),
  );
  return { ...server, url };
}

export interface WorkerOptions {
  services: Services;
  log: string;
  baseline?: boolean;
  /** Write a V8 CPU profile of the worker into this folder when it stops. */
  profileDir?: string;
  /** Extra environment (worker tuning). */
  env?: NodeJS.ProcessEnv;
}

/** `npm run worker` (or the baseline's worker), ready once it polls its task queue. */
export async function startWorkerProcess(options: WorkerOptions): Promise<NodeProcess> {
  const env = {
    TEMPORAL_ADDRESS: options.services.temporalAddress,
    DATABASE_URL: options.services.databaseUrl,
    LEADFLOW_SECRET_KEY: options.services.secretKey,
    LEADFLOW_TASK_QUEUE: options.baseline ? BASELINE_TASK_QUEUE : '',
    ...options.env,
  };
  const nodeArgs = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  const script = options.baseline ? baselineWorker : path.join(serverCli, 'worker.js');
  return spawnNode(script, env, options.log, nodeArgs, (child) =>
    until(child, async () => readFileSync(options.log, 'utf8').includes('worker ready'), 'ready'),
  );
}
