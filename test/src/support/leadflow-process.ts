import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Keyring, newSecretKey } from '@leadflow/engine/crypto';
import { createIsolatedDatabase } from '@leadflow/engine/local-services';
import { type SmtpSink, startSmtpSink } from '@leadflow/nodes/testing';
import { freePort } from '@leadflow/server';
import { inject } from 'vitest';

const cli = (name: string) => fileURLToPath(new URL(`../../../server/dist/cli/${name}.js`, import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The keyring every process a test file starts shares, as a deployment's LEADFLOW_SECRET_KEY. */
export const TEST_SECRET_KEY = new Keyring([newSecretKey()]).toString();

/** One JSON log line (pino). */
export type LogLine = Record<string, unknown> & { level: number; msg: string };

export interface LeadflowProcess {
  child: ChildProcess;
  /** The API server's URL, or the worker's metrics server. */
  url: string;
  output(): string;
  /** Every stdout line that is a JSON log line. */
  logLines(): LogLine[];
  /** Settles with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** Sends `signal` (SIGTERM: a graceful stop) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs one of Leadflow's commands as its own OS process, as a deployment does: `start` (the API
 * server; `npm start`), `worker` (`npm run worker`, serving /metrics on `url`) or `migrate`.
 * Configured only through the environment; its output is kept for the test to read.
 */
export async function spawnLeadflow(
  command: 'start' | 'worker' | 'migrate',
  env: Record<string, string>,
): Promise<LeadflowProcess> {
  const port = await freePort();
  const portEnv =
    command === 'start' ? { PORT: String(port) } : command === 'worker' ? { LEADFLOW_METRICS_PORT: String(port) } : {};
  const child = spawn(process.execPath, [cli(command)], {
    env: { ...process.env, LOG_LEVEL: 'info', LEADFLOW_SECRET_KEY: TEST_SECRET_KEY, ...portEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    logLines: () =>
      output.split('\n').flatMap((line) => {
        if (!line.startsWith('{')) return [];
        try {
          return [JSON.parse(line) as LogLine];
        } catch {
          return [];
        }
      }),
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Waits until `url` answers 200 (a server's /readyz), or fails with the process's output. */
export async function untilReady(process: LeadflowProcess, path = '/readyz', timeoutMs = 120_000): Promise<void> {
  let last = 'no answer';
  for (const deadline = Date.now() + timeoutMs; ; await sleep(200)) {
    if (process.child.exitCode !== null)
      throw new Error(`exited (${process.child.exitCode}) before ready:\n${process.output()}`);
    const response = await fetch(`${process.url}${path}`).catch(() => null);
    if (response?.ok) return;
    if (response) last = `${response.status} ${await response.text()}`;
    if (Date.now() > deadline)
      throw new Error(`not ready within ${timeoutMs / 1000} s; ${path} said ${last}\n${process.output().slice(-3000)}`);
  }
}

/**
 * What the processes of one test share: a database of their own in the test Postgres, the test
 * Temporal with a task queue of their own, and a real SMTP server.
 */
export async function processEnv(
  name: string,
): Promise<{ env: Record<string, string>; databaseUrl: string; smtp: SmtpSink }> {
  const databaseUrl = await createIsolatedDatabase(inject('databaseUrl'));
  const smtp = await startSmtpSink();
  const env = {
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    DATABASE_URL: databaseUrl,
    LEADFLOW_TASK_QUEUE: `${name}-${randomBytes(4).toString('hex')}`,
    SMTP_URL: smtp.url,
  };
  return { env, databaseUrl, smtp };
}
