#!/usr/bin/env node
// The API contract run: schemathesis (an independent fuzzer, PyPI) against the OpenAPI document of
// a real Leadflow — the server as `npm start` runs it, on embedded Postgres and the Temporal dev
// server, with the example seeded and a worker — with every check on and the stateful phase, once
// with a fixed seed and once with a random one. Exits non-zero on any failure.
//
//   npm run test:contract                       # build, then both runs
//   node test/contract/run-schemathesis.mjs --seed 7 --seed 8   # these seeds only
//   node test/contract/run-schemathesis.mjs --serve             # start the server, print URL and token, wait
//
// Needs Python 3 (schemathesis is installed into ~/.leadflow/schemathesis-<version>/ on first use)
// and the Temporal CLI, as `npm start` does. What the checks expect is in schemathesis.toml.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCHEMATHESIS_VERSION = '4.32.5';
/** The seed every run uses first, so a failure found once is found again. */
const FIXED_SEED = 20261206;
const START_TIMEOUT_MS = 240_000;

const root = fileURLToPath(new URL('../..', import.meta.url));

function parseArgs(argv) {
  const seeds = [];
  let serve = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--seed') seeds.push(Number(argv[++i]));
    else if (argv[i] === '--serve') serve = true;
    else throw new Error(`unknown option ${argv[i]} (options: --seed N, repeatable; --serve)`);
  }
  if (seeds.some((seed) => !Number.isInteger(seed) || seed < 0)) throw new Error('--seed takes a whole number');
  return { seeds: seeds.length > 0 ? seeds : [FIXED_SEED, randomInt(2 ** 31)], serve };
}

/** `count` distinct free ports: each listener is held until all are picked, so none repeats. */
async function freePorts(count) {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer();
      await new Promise((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
      servers.push(server);
    }
    return servers.map((server) => server.address().port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** The schemathesis command: a virtualenv of our own, made on first use; else a user-level pip install. */
function schemathesisCommand() {
  const venv = path.join(homedir(), '.leadflow', `schemathesis-${SCHEMATHESIS_VERSION}`);
  const bin = path.join(venv, 'bin', 'schemathesis');
  if (existsSync(bin)) return [bin];
  console.log(`» installing schemathesis ${SCHEMATHESIS_VERSION} (pip) into ${venv}`);
  const made = spawnSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  if (made.status === 0) {
    const pip = spawnSync(
      path.join(venv, 'bin', 'pip'),
      ['install', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`],
      { stdio: 'inherit' },
    );
    if (pip.status === 0) return [bin];
    throw new Error('pip could not install schemathesis into its virtualenv');
  }
  // No venv module (Debian without python3-venv): install for the user instead.
  const spec = `schemathesis==${SCHEMATHESIS_VERSION}`;
  const user = spawnSync('python3', ['-m', 'pip', 'install', '--quiet', '--user', spec], { stdio: 'inherit' });
  if (
    user.status !== 0 &&
    spawnSync('python3', ['-m', 'pip', 'install', '--quiet', '--user', '--break-system-packages', spec], {
      stdio: 'inherit',
    }).status !== 0
  ) {
    throw new Error('pip could not install schemathesis');
  }
  return ['python3', '-m', 'schemathesis.cli'];
}

/** `node server/dist/cli/start.js` in a data folder and on ports of its own; resolves once it serves. */
async function startServer(dataDir, token) {
  const [port, postgresPort, temporalPort, temporalUiPort] = await freePorts(4);
  const env = {
    ...process.env,
    PORT: String(port),
    LEADFLOW_DATA_DIR: dataDir,
    LEADFLOW_POSTGRES_PORT: String(postgresPort),
    LEADFLOW_TEMPORAL_PORT: String(temporalPort),
    LEADFLOW_TEMPORAL_UI_PORT: String(temporalUiPort),
    LEADFLOW_ADMIN_TOKEN: token,
    // schemathesis probes each route with a wrong token (ignored_auth): past 10 a minute the limit
    // on refused tokens would answer everything 429 (test/src/token-hardening.test.ts covers it).
    LEADFLOW_AUTH_FAILURES_PER_MINUTE: '0',
  };
  delete env.DATABASE_URL;
  delete env.TEMPORAL_ADDRESS;
  const logFile = path.join(dataDir, 'server.log');
  const log = await open(logFile, 'w');
  // Its own process group, so whatever it started can be stopped with it if it does not stop itself.
  const child = spawn(process.execPath, [path.join(root, 'server/dist/cli/start.js')], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', log.fd, log.fd],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    const ended = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(null), 500))]);
    if (ended)
      throw new Error(
        `the server exited (${ended.code ?? ended.signal}) before serving:\n${await readFile(logFile, 'utf8')}`,
      );
    if ((await readFile(logFile, 'utf8')).includes('Leadflow is running.')) break;
    if (Date.now() > deadline)
      throw new Error(
        `the server did not start within ${START_TIMEOUT_MS / 1000} s:\n${await readFile(logFile, 'utf8')}`,
      );
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(null), 60_000))]);
      if (!stopped) process.kill(-child.pid, 'SIGKILL');
    }
    await log.close();
  };
  return { url, logFile, stop };
}

/**
 * Schemathesis ends with pytest's banner ("==== 2 warnings in 98.32s ===="). CI reads a banner like
 * that as pytest's closing line, and one that counts no test as a run that tested nothing, so the
 * banner's frame is dropped: the words stay, the project's own closing line stays the only one.
 */
function unframed(line) {
  const framed = /^=+ (.*) =+$/.exec(line);
  return framed ? `» schemathesis: ${framed[1]}` : line;
}

function runSchemathesis(command, url, seed, token) {
  const args = [...command.slice(1), 'run', `${url}/docs/json`, '--checks', 'all', '--seed', String(seed)];
  console.log(`\n» schemathesis ${args.slice(command.length - 1).join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command[0], args, {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, LEADFLOW_CONTRACT_TOKEN: token, NO_COLOR: '1' },
    });
    const lines = createInterface({ input: child.stdout, crlfDelay: Infinity });
    lines.on('line', (line) => console.log(unframed(line)));
    child.once('close', (code) => resolve(code ?? 1));
  });
}

async function main() {
  const { seeds, serve } = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(root, 'server/dist/cli/start.js'))) throw new Error('build first: npm run build');
  const command = serve ? null : schemathesisCommand();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'leadflow-contract-'));
  // As root, the embedded Postgres runs as `postgres`, which must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const token = `lf_contract_${randomBytes(12).toString('hex')}`;
  let server;
  const cleanUp = async () => {
    await server?.stop().catch((error) => console.error(`stopping the server: ${error.message}`));
    await rm(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  try {
    console.log('» starting Leadflow (embedded Postgres, Temporal dev server, worker, seeded example)');
    server = await startServer(dataDir, token);
    if (serve) {
      console.log(`» serving ${server.url}  token ${token}  log ${server.logFile}; Ctrl-C stops`);
      await new Promise(() => undefined);
    }
    const failed = [];
    for (const seed of seeds) {
      const code = await runSchemathesis(command, server.url, seed, token);
      if (code !== 0) failed.push(seed);
    }
    console.log(
      failed.length === 0
        ? `\n» contract: 0 failures (seeds ${seeds.join(', ')})`
        : `\n» contract: failures with seed ${failed.join(', ')} (rerun one with --seed N)`,
    );
    process.exitCode = failed.length === 0 ? 0 : 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

await main();
