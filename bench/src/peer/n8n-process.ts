import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@leadflow/server';
import { type Usage, usageOf } from '../process-usage.js';
import { N8N_WEBHOOK_PATH, N8N_WORKFLOW_ID, n8nWorkflow } from './n8n-flow.js';

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface N8nProcess {
  /** POST a lead here (n8n answers as soon as the execution starts: `responseMode: onReceived`). */
  webhookUrl: string;
  /** n8n and any process it started (task runners), from /proc. */
  usage(): Usage;
  stop(): Promise<void>;
}

/**
 * n8n as its defaults run it: one main process, SQLite in its user folder, every execution saved.
 * Only what would make it talk to the internet or block on a first-run screen is switched off —
 * and one default is changed, in n8n's favour: 1.123.81 evaluates expressions in an isolated VM
 * by default (N8N_EXPRESSION_ENGINE=vm), which here cost it 218–267 ms of CPU per lead and held
 * it under 10 leads/s; the legacy engine (earlier 1.123 releases' only one) costs 31–47 ms and
 * matches the n8n figures the performance goal was set against. Set N8N_EXPRESSION_ENGINE to
 * measure the other.
 */
function n8nEnv(userFolder: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
    N8N_USER_FOLDER: userFolder,
    N8N_PORT: String(port),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_HOST: '127.0.0.1',
    WEBHOOK_URL: `http://127.0.0.1:${port}/`,
    DB_TYPE: 'sqlite',
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_HIRING_BANNER_ENABLED: 'false',
    N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
    N8N_LOG_LEVEL: 'warn',
    N8N_EXPRESSION_ENGINE: process.env.N8N_EXPRESSION_ENGINE ?? 'legacy',
  };
}

/** Imports the flow, activates it and starts n8n; resolves once its webhook takes a lead. */
export async function startN8n(options: {
  cli: string;
  dataDir: string;
  notifyUrl: string;
  log: string;
}): Promise<N8nProcess> {
  const userFolder = path.join(options.dataDir, 'n8n');
  mkdirSync(userFolder, { recursive: true });
  mkdirSync(path.dirname(options.log), { recursive: true });
  const port = await freePort();
  const env = n8nEnv(userFolder, port);
  const flowFile = path.join(userFolder, 'inbound-flow.json');
  writeFileSync(flowFile, JSON.stringify(n8nWorkflow(options.notifyUrl), null, 2));
  const cli = (args: string[]) => run(process.execPath, [options.cli, ...args], { env, maxBuffer: 16 * 2 ** 20 });
  await cli(['import:workflow', `--input=${flowFile}`]);
  await cli(['update:workflow', `--id=${N8N_WORKFLOW_ID}`, '--active=true']);

  const out = openSync(options.log, 'a');
  const child: ChildProcess = spawn(process.execPath, [options.cli, 'start'], {
    env,
    stdio: ['ignore', out, out],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`n8n exited with ${code} while starting; see ${options.log}`))),
  );
  exited.catch(() => undefined);
  const webhookUrl = `http://127.0.0.1:${port}/webhook/${N8N_WEBHOOK_PATH}`;
  const deadline = Date.now() + 180_000;
  // Ready when the production webhook is registered: a probe lead is taken (it is not measured).
  for (;;) {
    const answered = await Promise.race([
      fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'probe@probe.example', name: 'Probe', company: 'Probe', source: 'api' }),
      })
        .then((response) => response.status === 200)
        .catch(() => false),
      exited,
    ]);
    if (answered) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`n8n did not take a lead within 180 s; see ${options.log}`);
    }
    await sleep(500);
  }
  const pid = child.pid as number;
  return {
    webhookUrl,
    usage: () => usageOf(pid, true),
    async stop() {
      if (child.exitCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(20_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
